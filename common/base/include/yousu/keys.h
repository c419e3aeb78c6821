/* yousu — the 32-byte keys shared by a child and its parent. */
#ifndef YOUSU_KEYS_H
#define YOUSU_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"

#define YOUSU_KEY_BYTES 32

/* yousu_key_generate writes a new random key to path as 64 hex digits,
 * creating the file with mode 0600. Refuses (YOUSU_EXISTS) to overwrite
 * an existing file. Messages go to err. */
yousu_err yousu_key_generate(const char *path, char *err, size_t errlen);

/* yousu_key_load reads a key file written by yousu_key_generate into
 * key. Refuses (YOUSU_PERM) a file that group or others can read or
 * write, and (YOUSU_CONFIG) one that is not 64 hex digits. */
yousu_err yousu_key_load(
    const char *path, uint8_t key[YOUSU_KEY_BYTES], char *err, size_t errlen);

#endif
