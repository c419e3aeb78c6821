/* yousu — table-driven INI configuration (libinih underneath). */
#ifndef YOUSU_CONFIG_H
#define YOUSU_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "yousu/err.h"

typedef enum {
	YOUSU_CFG_STR,  /* char[len] field, copied */
	YOUSU_CFG_PATH, /* char[len] field, relative to the file's folder */
	YOUSU_CFG_INT,  /* int field, within [min, max] */
	YOUSU_CFG_BOOL, /* bool field: yes/no, true/false, on/off, 1/0 */
	YOUSU_CFG_FUNC, /* custom: fn(obj, key, value, msg, msglen) */
	YOUSU_CFG_SECT, /* custom, in every section named `section` followed
	                 * by a non-empty suffix ("dept " matches [dept RSJ]):
	                 * sfn(obj, at, key, value, msg, msglen) */
	YOUSU_CFG_AT,   /* custom, in the section named exactly `section`,
	                 * told where the key is: sfn as for SECT (the
	                 * suffix is "") */
} yousu_cfg_type;

/* A custom handler returns YOUSU_OK or writes a message (no file:line,
 * the loader adds it) and returns an error. */
typedef yousu_err (*yousu_cfg_fn)(
    void *obj, const char *name, const char *value, char *msg, size_t msglen);

/* Where a YOUSU_CFG_SECT key was read. */
typedef struct yousu_cfg_at {
	const char *path;   /* the file */
	const char *suffix; /* the section's name after the table's prefix */
	int line;           /* the key's line */
	int section_line;   /* the line of its [section] header */
	bool opens;         /* the first key since that header */
} yousu_cfg_at;

/* A YOUSU_CFG_SECT or YOUSU_CFG_AT handler: as yousu_cfg_fn, told where the key
 * is. */
typedef yousu_err (*yousu_cfg_sect_fn)(void *obj, const yousu_cfg_at *at,
    const char *name, const char *value, char *msg, size_t msglen);

typedef struct yousu_cfg_key {
	const char *section; /* exact section name; for SECT a prefix */
	const char *name;    /* exact key; for FUNC and SECT also a prefix
	                      * ending in '.', or "" for any key of the
	                      * section */
	yousu_cfg_type type;
	size_t offset; /* offsetof the field in obj */
	size_t len;    /* buffer size for STR/PATH */
	long min, max; /* INT bounds */
	bool required;
	yousu_cfg_fn fn;
	yousu_cfg_sect_fn sfn; /* SECT and AT only */
} yousu_cfg_key;

/* yousu_config_load parses path against table (terminated by an entry
 * with section == NULL) into obj. Unknown sections or keys, bad values,
 * over-long lines, repeated keys and missing required keys all fail with
 * YOUSU_CONFIG and "path:line: message" in err. FUNC keys named by a
 * prefix ("class.") or "" (any key), and SECT and AT keys, may repeat
 * (their handlers decide); every other key is given once. obj is filled in
 * place; on failure it may be partly filled. */
yousu_err yousu_config_load(const char *path, const yousu_cfg_key *table,
    void *obj, char *err, size_t errlen);

/* yousu_config_load_tables is yousu_config_load over the keys of n
 * tables, those of tables[i] filling objs[i] (a daemon's keys and its
 * role's). */
yousu_err yousu_config_load_tables(const char *path,
    const yousu_cfg_key *const *tables, void *const *objs, size_t n, char *err,
    size_t errlen);

/* yousu_config_check_lines fails with "path:N: line too long" when a
 * line of path has max bytes or more (libinih would split it), or with
 * "path: cannot open: ..." when path cannot be read. */
yousu_err yousu_config_check_lines(
    const char *path, size_t max, char *err, size_t errlen);

#endif
