/* yousu — the one description of every command: its name, Chinese label,
 * help, where it runs, who may run it, and its fields (key, type,
 * limits, whether required, whether it names a person, Chinese label,
 * help, yousuctl option). The workflow and the daemon check requests
 * against it; yousuctl's options, usage, --help and did-you-mean come
 * from it; so will the HTTPS API and its OpenAPI document. */
#ifndef YOUSU_COMMANDS_H
#define YOUSU_COMMANDS_H

#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "yousu/err.h"

typedef enum {
	YOUSU_T_STR,  /* one line of UTF-8 text, 200 bytes unless max says */
	YOUSU_T_TEXT, /* free UTF-8 text, lines and tabs allowed, 4000 bytes */
	YOUSU_T_INT,  /* a whole number in min..max */
	YOUSU_T_BOOL, /* true or false (yousuctl: a flag) */
	YOUSU_T_LIST, /* a list of one-line texts (yousuctl: comma separated) */
	YOUSU_T_DATE, /* "YYYY-MM-DD" */
	YOUSU_T_OBJECTS, /* a list of JSON objects (batch's requests) */
} yousu_ftype;

/* field flags */
enum {
	YOUSU_F_REQUIRED = 1 << 0,
	YOUSU_F_PERSON = 1 << 1, /* names, locates or reaches a person */
	YOUSU_F_ARG = 1 << 2,    /* yousuctl: a positional argument, in order */
	YOUSU_F_REST = 1 << 3,   /* ... that takes every remaining word */
	YOUSU_F_PATH = 1 << 4, /* ... a file the daemon reads: made absolute */
	YOUSU_F_CLIENT = 1 << 5, /* yousuctl's own (never sent to the daemon) */
};

/* the centres a command runs at */
enum {
	YOUSU_AT_NODE = 1 << 0,
	YOUSU_AT_HUB = 1 << 1,
	YOUSU_AT_BRIDGE = 1 << 2,
	YOUSU_AT_ALL = 7,
};

/* the staff roles (issue "accounts"): who may run a command by default */
enum {
	YOUSU_ROLE_WINDOW = 1 << 0,      /* 窗口 */
	YOUSU_ROLE_SUPERVISION = 1 << 1, /* 督办 */
	YOUSU_ROLE_DUTY = 1 << 2,        /* 带班领导 */
	YOUSU_ROLE_DEPT = 1 << 3,        /* 部门 (scoped to departments) */
	YOUSU_ROLE_VISIT = 1 << 4,       /* 回访 */
	YOUSU_ROLE_LEADER = 1 << 5,      /* 领导 */
	YOUSU_ROLE_STATS = 1 << 6,       /* 统计 */
	YOUSU_ROLE_ADMIN = 1 << 7,       /* 管理员 */
};
#define YOUSU_ROLE_COUNT 8

/* command flags */
enum {
	YOUSU_C_CHANGES = 1 << 0, /* writes (the API: POST); else reads (GET) */
	YOUSU_C_WORKFLOW = 1 << 1, /* a step of a complaint (yousu_wf_exec) */
	YOUSU_C_CLIENT = 1 << 2,   /* yousuctl's own: never sent (keygen) */
};

typedef struct yousu_field {
	const char *key; /* the request's field; NULL ends a list */
	yousu_ftype type;
	unsigned flags;
	int min, max;          /* INT: the range; STR: max bytes (0: 200) */
	const char *label;     /* Chinese, in messages: 诉求来源 */
	const char *help;      /* what to give: "window, hotline, online" */
	const char *unit;      /* INT: "a number of hours", in range messages */
	const char *opt;       /* the yousuctl option, when not the key with '_'
	                        * as '-'; "" for none (an argument) */
	const char *opt_false; /* BOOL: the option that sets it false */
} yousu_field;

typedef struct yousu_command {
	const char *name;    /* on the wire: "co_reply", "case.propose" */
	const char *label;   /* Chinese: 协办答复 */
	const char *summary; /* one line, for help */
	const char *usage;   /* yousuctl's arguments: "ID", "FROM TO" */
	unsigned at;         /* YOUSU_AT_* */
	unsigned roles;      /* YOUSU_ROLE_* */
	unsigned flags;      /* YOUSU_C_* */
	const yousu_field *fields;
} yousu_command;

/* Every command, ending with {NULL}. */
extern const yousu_command yousu_commands[];

/* yousu_command_find: the command of wire name name, or NULL. */
const yousu_command *yousu_command_find(const char *name);

/* yousu_command_field: command c's field key, or NULL. */
const yousu_field *yousu_command_field(const yousu_command *c, const char *key);

/* yousu_command_words writes the yousuctl words of c ("case propose",
 * "co-reply") into buf. */
void yousu_command_words(const yousu_command *c, char *buf, size_t len);

/* yousu_command_opt writes field f's yousuctl option name ("org",
 * "duty-leader") into buf; "" for an argument. */
void yousu_command_opt(const yousu_field *f, char *buf, size_t len);

/* yousu_command_role_name: the Chinese name of staff role bit r
 * (窗口 ...) and its code ("window" ...); NULL for no such bit. */
const char *yousu_command_role_name(unsigned r);
const char *yousu_command_role_code(unsigned r);

/* yousu_command_args checks args (a JSON object) against c's fields, all
 * at once: unknown fields (with the one probably meant), wrong types,
 * sizes and ranges, required fields missing or blank. A text made only of
 * blanks counts as not given. On success *own is args without its blank
 * optional texts (the caller's, cJSON_Delete). YOUSU_INVAL with every
 * problem in err, separated by "; ". */
yousu_err yousu_command_args(const yousu_command *c, const cJSON *args,
    cJSON **own, char *err, size_t errlen);

/* yousu_commands_json: the whole schema as JSON (yousuctl schema, the
 * API's description); the caller's. */
cJSON *yousu_commands_json(void);

#endif
