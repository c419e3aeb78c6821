/* yousuctl internals: the command table and the printers. */
#ifndef CTL_H
#define CTL_H

#include <cjson/cJSON.h>
#include <stdbool.h>

typedef enum { O_STR, O_INT, O_FLAG, O_FALSE, O_LIST, O_LOCAL } ctl_otype;

typedef struct {
	const char *opt;  /* long option name */
	const char *key;  /* request field */
	ctl_otype type;   /* O_LOCAL: handled by the client only */
	const char *help;
} ctl_opt;

typedef struct ctl_cmd ctl_cmd;

typedef struct {
	bool json;
	const char *format; /* ledger: table, csv, xlsx */
	const char *output; /* ledger: file */
	bool workorder;     /* show: the work order only */
} ctl_local;

struct ctl_cmd {
	const char *name;
	const char *args;    /* positional usage, e.g. "ID" */
	const char *summary;
	const ctl_opt *opts;
	int (*print)(const ctl_cmd *cmd, const cJSON *result,
	    const ctl_local *local);
};

/* ctl_print_*: human output of each command; return the exit status. */
int ctl_print_change(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_show(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_list(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_ledger(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_stats(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_clock(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);
int ctl_print_plain(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l);

#endif
