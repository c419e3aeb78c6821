/* Files written whole (yousu/file.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h> /* renameat */
#include <string.h>
#include <unistd.h>

#include "yousu/file.h"

static bool
write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);

		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		s += w;
		n -= (size_t) w;
	}
	return true;
}

bool
yousu_file_write_whole(
    int dfd, const char *tmp, const char *name, const char *text, mode_t mode)
{
	int fd = openat(dfd, tmp,
	    O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, mode);
	int saved;

	if (fd < 0)
		return false;
	if (write_all(fd, text, strlen(text)) && write_all(fd, "\n", 1) &&
	    fsync(fd) == 0 && close(fd) == 0) {
		fd = -1;
		if (renameat(dfd, tmp, dfd, name) == 0)
			return true;
	}
	saved = errno;
	if (fd >= 0)
		close(fd);
	unlinkat(dfd, tmp, 0);
	errno = saved;
	return false;
}
