/* Key files: 64 hex digits, mode 0600. */
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "yousu/keys.h"

yousu_err
yousu_key_generate(const char *path, char *err, size_t errlen)
{
	uint8_t key[YOUSU_KEY_BYTES];
	char hex[2 * YOUSU_KEY_BYTES + 2];
	int fd;
	ssize_t n;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "libsodium failed to initialise");
		return YOUSU_CRYPTO;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return errno == EEXIST ? YOUSU_EXISTS : YOUSU_IO;
	}
	randombytes_buf(key, sizeof key);
	sodium_bin2hex(hex, sizeof hex, key, sizeof key);
	sodium_memzero(key, sizeof key);
	strcat(hex, "\n");
	n = write(fd, hex, strlen(hex));
	sodium_memzero(hex, sizeof hex);
	if (n != (ssize_t) (2 * YOUSU_KEY_BYTES + 1) || fsync(fd) != 0 ||
	    close(fd) != 0) {
		snprintf(
		    err, errlen, "%s: cannot write: %s", path, strerror(errno));
		unlink(path);
		return YOUSU_IO;
	}
	return YOUSU_OK;
}

yousu_err
yousu_key_load(
    const char *path, uint8_t key[YOUSU_KEY_BYTES], char *err, size_t errlen)
{
	char hex[2 * YOUSU_KEY_BYTES + 8];
	struct stat sb;
	size_t bin = 0;
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0 || fstat(fd, &sb) != 0) {
		snprintf(err, errlen, "key file %s: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return YOUSU_IO;
	}
	if (sb.st_mode & 077) {
		snprintf(err, errlen,
		    "key file %s is readable by group or others (mode %04o): "
		    "refused; run chmod 600 %s",
		    path, (unsigned) (sb.st_mode & 07777), path);
		close(fd);
		return YOUSU_PERM;
	}
	n = read(fd, hex, sizeof hex - 1);
	close(fd);
	hex[n > 0 ? n : 0] = '\0';
	if (n >= 2 * YOUSU_KEY_BYTES && (hex[2 * YOUSU_KEY_BYTES] == '\n' ||
	                                    hex[2 * YOUSU_KEY_BYTES] == '\0'))
		hex[2 * YOUSU_KEY_BYTES] = '\0';
	if (strlen(hex) != 2 * YOUSU_KEY_BYTES ||
	    sodium_hex2bin(key, YOUSU_KEY_BYTES, hex, strlen(hex), NULL, &bin,
	        NULL) != 0 ||
	    bin != YOUSU_KEY_BYTES) {
		snprintf(err, errlen,
		    "key file %s: expected 64 hex digits (yousuctl keygen "
		    "writes one)",
		    path);
		sodium_memzero(hex, sizeof hex);
		return YOUSU_CONFIG;
	}
	sodium_memzero(hex, sizeof hex);
	return YOUSU_OK;
}
