/* The 12345 gateway's files: the inbound spool (forms listed in name
 * order, moved into rejected/ beside their error or into done/, never
 * lost or half-moved) and the outbound result and handover files,
 * written whole or not at all. */
#define _GNU_SOURCE /* renameat2 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hotline_impl.h"
#include "yousu/calendar.h"
#include "yousu/complaint.h"
#include "yousu/file.h"
#include "yousu/json.h"

/* a spool file's name: with "~999" and ".error", or as ".<name>.error.tmp",
 * it stays within the 255 bytes of a file name */
#define NAME_MAX_BYTES 240
#define COPIES_MAX     1000 /* "<stem>~N.json" tried when a name is taken */
#define OUT_MODE       0640

/* --- listing --------------------------------------------------------- */

static bool
spool_name(const char *s)
{
	size_t n = strlen(s);

	return s[0] != '.' && n > 5 && n <= NAME_MAX_BYTES &&
	       strcmp(s + n - 5, ".json") == 0;
}

/* Inserts a copy of s into the sorted list v[0..*n) keeping at most max;
 * false when memory runs out. */
static bool
keep_sorted(char ***v, size_t *n, size_t *cap, size_t max, const char *s)
{
	size_t lo = 0, hi = *n;
	char *copy;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp((*v)[mid], s) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo >= max)
		return true; /* after the first max */
	if (*n == max)
		free((*v)[--*n]);
	if (*n + 1 >= *cap) {
		size_t c = *cap ? *cap * 2 : 64;
		char **nv = realloc(*v, c * sizeof *nv);

		if (nv == NULL)
			return false;
		*v = nv;
		*cap = c;
	}
	if ((copy = strdup(s)) == NULL)
		return false;
	memmove(*v + lo + 1, *v + lo, (*n - lo) * sizeof **v);
	(*v)[lo] = copy;
	(*v)[++*n] = NULL;
	return true;
}

static bool
regular_at(int dfd, const char *name)
{
	struct stat st;

	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
	       S_ISREG(st.st_mode);
}

yousu_err
yousu_hotline_spool_scan(const char *dir, size_t max, char ***names, size_t *n,
    char *err, size_t errlen)
{
	DIR *d;
	struct dirent *e;
	char **v = NULL;
	size_t count = 0, cap = 0;

	if (max == 0) {
		snprintf(err, errlen, "spool scan: max must be at least 1");
		return YOUSU_INVAL;
	}
	if ((d = opendir(dir)) == NULL) {
		snprintf(err, errlen, "%s: cannot read the folder: %s", dir,
		    strerror(errno));
		return YOUSU_IO;
	}
	while ((e = readdir(d)) != NULL) {
		if (!spool_name(e->d_name) || !regular_at(dirfd(d), e->d_name))
			continue;
		if (!keep_sorted(&v, &count, &cap, max, e->d_name)) {
			closedir(d);
			yousu_hotline_names_free(v);
			snprintf(err, errlen, "%s: out of memory", dir);
			return YOUSU_NOMEM;
		}
	}
	closedir(d);
	if (v == NULL && (v = calloc(1, sizeof *v)) == NULL) {
		snprintf(err, errlen, "%s: out of memory", dir);
		return YOUSU_NOMEM;
	}
	*names = v;
	*n = count;
	return YOUSU_OK;
}

void
yousu_hotline_names_free(char **names)
{
	for (char **p = names; p != NULL && *p != NULL; p++)
		free(*p);
	free(names);
}

/* --- moving a form aside --------------------------------------------- */

/* The i-th name to try for file in the destination: file itself, then
 * "<stem>~i<ext>". */
static void
copy_name(const char *file, int i, char *out, size_t len)
{
	const char *dot = strrchr(file, '.');
	int stem = dot && dot != file ? (int) (dot - file) : (int) strlen(file);

	if (i == 0)
		snprintf(out, len, "%s", file);
	else
		snprintf(out, len, "%.*s~%d%s", stem, file, i, file + stem);
}

static bool
exists_at(int dfd, const char *name)
{
	struct stat st;

	return fstatat(dfd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 ||
	       errno != ENOENT;
}

/* Renames sfd/from to dfd/to unless to exists (EEXIST then). */
static int
move_noreplace(int sfd, const char *from, int dfd, const char *to)
{
	if (renameat2(sfd, from, dfd, to, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	/* a file system without RENAME_NOREPLACE: link, then unlink (a
	 * crash between them leaves the form in both places, never none) */
	if (linkat(sfd, from, dfd, to, 0) != 0)
		return -1;
	return unlinkat(sfd, from, 0);
}

/* The folder dir/sub, made 0700 when missing; -1 with err written. */
static int
open_sub(int dfd, const char *dir, const char *sub, char *err, size_t errlen)
{
	int fd;

	if (mkdirat(dfd, sub, 0700) != 0 && errno != EEXIST) {
		snprintf(err, errlen, "%s/%s: cannot make the folder: %s", dir,
		    sub, strerror(errno));
		return -1;
	}
	fd = openat(dfd, sub, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		snprintf(err, errlen, "%s/%s: cannot open the folder: %s", dir,
		    sub, strerror(errno));
	return fd;
}

/* Writes error as "<dest>.error" in sfd (under a temporary name first). */
static bool
write_error(int sfd, const char *dest, const char *error)
{
	char tmp[NAME_MAX_BYTES + 32], name[NAME_MAX_BYTES + 32];

	snprintf(tmp, sizeof tmp, ".%s.error.tmp", dest);
	snprintf(name, sizeof name, "%s.error", dest);
	return yousu_file_write_whole(sfd, tmp, name, error, 0600);
}

/* Moves dfd/file into sfd under the first free name, its error first
 * when error is not NULL (replacing an error whose form is not there: the
 * trace of a crash between the two renames). 0, or -1 with errno set. */
static int
move_into(int dfd, const char *file, int sfd, const char *error)
{
	char dest[NAME_MAX_BYTES + 16], ename[NAME_MAX_BYTES + 32];

	for (int i = 0; i < COPIES_MAX; i++) {
		copy_name(file, i, dest, sizeof dest);
		snprintf(ename, sizeof ename, "%s.error", dest);
		if (exists_at(sfd, dest))
			continue;
		if (error != NULL && !write_error(sfd, dest, error))
			return -1;
		if (move_noreplace(dfd, file, sfd, dest) == 0)
			return 0;
		if (error != NULL) {
			int saved = errno;

			unlinkat(sfd, ename, 0);
			errno = saved;
		}
		if (errno != EEXIST)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

static bool
plain_name(const char *s)
{
	return s[0] != '\0' && strchr(s, '/') == NULL && strcmp(s, ".") != 0 &&
	       strcmp(s, "..") != 0 && strlen(s) <= NAME_MAX_BYTES;
}

/* Moves dir/file into dir/sub (with error beside it, unless NULL). */
static yousu_err
move_aside(const char *dir, const char *file, const char *sub,
    const char *error, char *err, size_t errlen)
{
	int dfd = -1, sfd = -1;
	yousu_err rv = YOUSU_IO;

	if (!plain_name(file)) {
		snprintf(err, errlen, "spool: '%s' is not a file name", file);
		return YOUSU_INVAL;
	}
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0) {
		snprintf(err, errlen, "%s: cannot open the folder: %s", dir,
		    strerror(errno));
		return YOUSU_IO;
	}
	if (!regular_at(dfd, file)) {
		snprintf(err, errlen,
		    "%s/%s: no such file (or not a regular file)", dir, file);
		goto fail;
	}
	if ((sfd = open_sub(dfd, dir, sub, err, errlen)) < 0)
		goto fail;
	if (move_into(dfd, file, sfd, error) != 0 || fsync(sfd) != 0 ||
	    fsync(dfd) != 0) {
		snprintf(err, errlen, "%s/%s: cannot move it into %s/: %s", dir,
		    file, sub, strerror(errno));
		goto fail;
	}
	rv = YOUSU_OK;
fail:
	if (sfd >= 0)
		close(sfd);
	close(dfd);
	return rv;
}

yousu_err
yousu_hotline_spool_reject(const char *dir, const char *file, const char *error,
    char *err, size_t errlen)
{
	/* error may be err itself: keep it before err is written */
	char *copy = strdup(error ? error : "");
	yousu_err rv;

	if (copy == NULL) {
		snprintf(err, errlen, "spool: out of memory");
		return YOUSU_NOMEM;
	}
	rv = move_aside(dir, file, "rejected", copy, err, errlen);
	free(copy);
	return rv;
}

yousu_err
yousu_hotline_spool_rejected(
    const char *dir, cJSON **out, char *err, size_t errlen)
{
	char sub[NAME_MAX_BYTES + 600], path[2 * NAME_MAX_BYTES + 600];
	char text[2001], **names;
	struct stat sb;
	size_t n;
	yousu_err rv;

	snprintf(sub, sizeof sub, "%s/rejected", dir);
	if (stat(sub, &sb) != 0 && errno == ENOENT) { /* nothing refused yet */
		*out = cJSON_CreateArray();
		return YOUSU_OK;
	}
	/* the forms moved there are spool names, listed as the spool is */
	if ((rv = yousu_hotline_spool_scan(
	         sub, SIZE_MAX, &names, &n, err, errlen)) != YOUSU_OK)
		return rv;
	*out = cJSON_CreateArray();
	for (size_t i = 0; i < n; i++) {
		cJSON *o = cJSON_CreateObject();
		FILE *f;

		yousu__jset_str(o, "file", names[i]);
		snprintf(path, sizeof path, "%s/%s", sub, names[i]);
		yousu__jset_int(
		    o, "at", stat(path, &sb) == 0 ? sb.st_mtime : 0);
		snprintf(path, sizeof path, "%s/%s.error", sub, names[i]);
		text[0] = '\0';
		if ((f = fopen(path, "r")) != NULL) {
			text[fread(text, 1, sizeof text - 1, f)] = '\0';
			fclose(f);
		}
		text[strcspn(text, "\n")] = '\0';
		yousu__jset_str(o, "error", text);
		cJSON_AddItemToArray(*out, o);
	}
	yousu_hotline_names_free(names);
	return YOUSU_OK;
}

yousu_err
yousu_hotline_spool_done(
    const char *dir, const char *file, char *err, size_t errlen)
{
	return move_aside(dir, file, "done", NULL, err, errlen);
}

/* --- outbound files -------------------------------------------------- */

/* The file name for outbound object v: "result-<item_no>" or
 * "handover-<complaint_id>" (without ".json"); false (err) if none. */
static bool
outbound_base(const cJSON *v, char *base, size_t len, char *err, size_t errlen)
{
	const char *schema = yousu__jstr(v, "schema"), *key, *kind;

	if (schema && strcmp(schema, YOUSU_HOTLINE_RESULT_SCHEMA) == 0) {
		kind = "result";
		key = "item_no";
	} else if (schema &&
	           strcmp(schema, YOUSU_HOTLINE_HANDOVER_SCHEMA) == 0) {
		kind = "handover";
		key = "complaint_id";
	} else {
		snprintf(err, errlen,
		    "outbound: schema must be %s or %s, not '%.64s'",
		    YOUSU_HOTLINE_RESULT_SCHEMA, YOUSU_HOTLINE_HANDOVER_SCHEMA,
		    schema ? schema : "(none)");
		return false;
	}
	if (yousu__jstr(v, key) == NULL ||
	    !yousu__hl_item_no_ok(yousu__jstr(v, key))) {
		snprintf(err, errlen,
		    "outbound %s: %s must be 1-64 of A-Z a-z 0-9 - _ . (not "
		    "starting with '.')",
		    kind, key);
		return false;
	}
	snprintf(base, len, "%s-%s", kind, yousu__jstr(v, key));
	return true;
}

yousu_err
yousu_hotline_result_write(const char *outdir, const cJSON *v, char *name,
    size_t namelen, char *err, size_t errlen)
{
	char base[96], tmp[112], final[112];
	char *text = NULL;
	int dfd = -1;
	yousu_err rv = YOUSU_IO;

	if (!outbound_base(v, base, sizeof base, err, errlen))
		return YOUSU_INVAL;
	snprintf(tmp, sizeof tmp, "%s.tmp", base);
	snprintf(final, sizeof final, "%s.json", base);
	if ((text = cJSON_Print(v)) == NULL) {
		snprintf(err, errlen, "outbound: out of memory");
		return YOUSU_NOMEM;
	}
	if ((dfd = open(outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		snprintf(err, errlen, "%s: cannot open the folder: %s", outdir,
		    strerror(errno));
		goto fail;
	}
	if (!yousu_file_write_whole(dfd, tmp, final, text, OUT_MODE) ||
	    fsync(dfd) != 0) {
		snprintf(err, errlen, "%s/%s: cannot write: %s", outdir, final,
		    strerror(errno));
		goto fail;
	}
	if (name != NULL && namelen > 0)
		snprintf(name, namelen, "%s", final);
	rv = YOUSU_OK;
fail:
	if (dfd >= 0)
		close(dfd);
	free(text);
	return rv;
}
