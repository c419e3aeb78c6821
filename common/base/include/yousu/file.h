/* yousu — files written whole: a reader never sees half of one. */
#ifndef YOUSU_FILE_H
#define YOUSU_FILE_H

#include <stdbool.h>
#include <sys/types.h>

/* yousu_file_write_whole writes text and a newline to dfd/tmp (mode),
 * syncs it and renames it to dfd/name (replacing one of that name). On
 * failure errno is set and tmp is gone. The caller syncs dfd. */
bool yousu_file_write_whole(
    int dfd, const char *tmp, const char *name, const char *text, mode_t mode);

#endif
