/* yousuctl: the operator's command line for a node, hub or bridge. Its
 * commands, options, arguments, usage and did-you-mean come from the
 * command schema (yousu/commands.h); here is only how each answer is
 * printed. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "ctl.h"
#include "yousu/utf8.h"

#define MAX_OPTS 40
#define MAX_CMDS 96

/* How each command's answer is printed (by its name on the wire). */
static const struct {
	const char *name;
	int (*print)(const ctl_cmd *, const cJSON *, const ctl_local *);
} printers[] = {
    {"show", ctl_print_show},
    {"list", ctl_print_list},
    {"queue", ctl_print_queue},
    {"ledger", ctl_print_ledger},
    {"stats", ctl_print_stats},
    {"report", ctl_print_report},
    {"city", ctl_print_city},
    {"depts", ctl_print_depts},
    {"profile", ctl_print_profile},
    {"route", ctl_print_route},
    {"batch", ctl_print_batch},
    {"status", ctl_print_status},
    {"check", ctl_print_check},
    {"backup", ctl_print_backup},
    {"clock", ctl_print_clock},
    {"ping", ctl_print_plain},
    {"keygen", NULL},
    {"hotline.import", ctl_print_plain},
    {"hotline.scan", ctl_print_plain},
    {"hotline.list", ctl_print_hotline},
    {"hotline.rejected", ctl_print_hotline_rejected},
    {"case.propose", ctl_print_case},
    {"case.review", ctl_print_case},
    {"case.show", ctl_print_case},
    {"case.list", ctl_print_case_list},
    {"case.search", ctl_print_case_search},
    {"round.new", ctl_print_round},
    {"round.list", ctl_print_round_list},
    {"round.show", ctl_print_round},
    {"duty.set", ctl_print_duty},
    {"duty.import", ctl_print_duty},
    {"duty.visit", ctl_print_duty},
    {"duty.board", ctl_print_duty},
    {"ranking", ctl_print_city},
    {"repeats", ctl_print_repeats},
    {"hotspots", ctl_print_hotspots},
    {"rectify.report", ctl_print_rectify},
    {"rectify.archive", ctl_print_rectify},
    {"rectify.list", ctl_print_rectify},
    {"rectify.show", ctl_print_rectify},
    {"calendar", ctl_print_calendar},
    {"calendar.days", ctl_print_calendar_count},
    {"calendar.add", ctl_print_calendar_count},
    {"calendar.reload", ctl_print_calendar_reload},
    {"reload", ctl_print_reload},
    {"user.add", ctl_print_user},
    {"user.passwd", ctl_print_user},
    {"user.lock", ctl_print_user},
    {"user.unlock", ctl_print_user},
    {"user.disable", ctl_print_user},
    {"user.list", ctl_print_user},
    {"user.show", ctl_print_user},
    {"audit", ctl_print_audit},
};

static ctl_cmd commands[MAX_CMDS];
static char words[MAX_CMDS][64];

/* The commands, from the schema: a step of a complaint prints the
 * change; every other has its printer above. */
static void
load_commands(void)
{
	size_t n = 0;

	for (const yousu_command *s = yousu_commands; s->name; s++) {
		ctl_cmd *c = &commands[n];

		if (n + 1 == MAX_CMDS) {
			fprintf(stderr, "yousuctl: too many commands\n");
			exit(2);
		}
		yousu_command_words(s, words[n], sizeof words[n]);
		c->name = words[n];
		c->schema = s;
		c->print = ctl_print_change;
		for (size_t i = 0; i < sizeof printers / sizeof *printers; i++)
			if (strcmp(printers[i].name, s->name) == 0)
				c->print = printers[i].print;
		n++;
	}
}

/* The options of command c: each field that is not an argument, and a
 * second option for a yes/no field that sets it to no (--fail). */
typedef struct {
	const yousu_field *f;
	bool negate;
	char name[48];
} ctl_opt;

static size_t
options(const ctl_cmd *c, ctl_opt *o)
{
	size_t n = 0;

	for (const yousu_field *f = c->schema->fields; f->key; f++) {
		if ((f->flags & YOUSU_F_ARG) || (f->opt && !f->opt[0]) ||
		    n + 2 > MAX_OPTS)
			continue;
		o[n].f = f;
		o[n].negate = false;
		yousu_command_opt(f, o[n].name, sizeof o[n].name);
		n++;
		if (f->opt_false != NULL) {
			o[n].f = f;
			o[n].negate = true;
			snprintf(
			    o[n].name, sizeof o[n].name, "%s", f->opt_false);
			n++;
		}
	}
	return n;
}

static bool
takes_value(const ctl_opt *o)
{
	return o->f->type != YOUSU_T_BOOL;
}

/* "诉求来源: window 窗口, ..." */
static void
print_help(FILE *f, const ctl_opt *o)
{
	if (o->negate)
		fprintf(f, "  --%-16s %s: no\n", o->name, o->f->label);
	else
		fprintf(f, "  --%-16s %s%s%s%s\n", o->name,
		    takes_value(o) ? "VALUE  " : "", o->f->label,
		    o->f->help ? ": " : "", o->f->help ? o->f->help : "");
}

static void
cmd_usage(FILE *f, const ctl_cmd *c)
{
	size_t n = strlen(c->name);
	ctl_opt o[MAX_OPTS];
	size_t no = options(c, o);
	const char *u = c->schema->usage;

	fprintf(f,
	    "usage: yousuctl [global options] %s %s%s[options]\n%s: %s\n",
	    c->name, u, u[0] ? " " : "", c->schema->label, c->schema->summary);
	for (size_t i = 0; i < no; i++)
		print_help(f, &o[i]);
	/* a command that heads a group ("calendar") lists the others */
	for (const ctl_cmd *g = commands; g->name; g++)
		if (strncmp(g->name, c->name, n) == 0 && g->name[n] == ' ')
			fprintf(f, "  %s %s\n      %s: %s\n", g->name,
			    g->schema->usage, g->schema->label,
			    g->schema->summary);
}

static int
usage(FILE *f, int status)
{
	fprintf(f,
	    "usage: yousuctl [-s SOCKET] [--json] [--actor NAME] COMMAND "
	    "[ARGS]\n"
	    "  -s, --socket URL   control socket (default $YOUSU_SOCKET or "
	    "ipc:///tmp/yousu/node.sock)\n"
	    "      --json         print the daemon's JSON answer\n"
	    "      --actor NAME   who signs for the step (default "
	    "$YOUSU_ACTOR, else $USER)\n"
	    "      --timeout MS   how long to wait for the daemon (30000)\n"
	    "commands (COMMAND --help for each):\n");
	for (const ctl_cmd *c = commands; c->name; c++)
		fprintf(f, "  %-16s %s: %s\n", c->name, c->schema->label,
		    c->schema->summary);
	return status;
}

static cJSON *
split_list(const char *s)
{
	cJSON *arr = cJSON_CreateArray();
	char *copy = strdup(s), *save = NULL;

	for (char *t = strtok_r(copy, ",", &save); t;
	     t = strtok_r(NULL, ",", &save))
		cJSON_AddItemToArray(arr, cJSON_CreateString(t));
	free(copy);
	return arr;
}

/* A whole number for field f of c; 2 (said) when v is not one. */
static int
whole(const ctl_cmd *c, const char *what, const char *v, long *n)
{
	char *end;

	*n = strtol(v, &end, 10);
	if (end == v || *end != '\0') {
		fprintf(stderr, "yousuctl %s: %s '%s' is not a whole number\n",
		    c->name, what, v);
		return 2;
	}
	return 0;
}

/* yousuctl's own options (never sent to the daemon). */
static void
set_local(const yousu_field *f, const char *v, ctl_local *l)
{
	if (strcmp(f->key, "format") == 0)
		l->format = v;
	else if (strcmp(f->key, "output") == 0)
		l->output = v;
	else if (strcmp(f->key, "workorder") == 0)
		l->workorder = true;
	else if (strcmp(f->key, "chunk") == 0)
		l->chunk = atoi(v);
}

static int
set_opt(const ctl_cmd *c, const ctl_opt *o, const char *v, cJSON *args,
    ctl_local *l)
{
	const yousu_field *f = o->f;
	char what[64];
	long n;

	if (f->flags & YOUSU_F_CLIENT) {
		set_local(f, v, l);
		return 0;
	}
	cJSON_DeleteItemFromObject(args, f->key);
	switch (f->type) {
	case YOUSU_T_INT:
		snprintf(what, sizeof what, "--%s", o->name);
		if (whole(c, what, v, &n) != 0)
			return 2;
		cJSON_AddNumberToObject(args, f->key, (double) n);
		return 0;
	case YOUSU_T_BOOL:
		cJSON_AddBoolToObject(args, f->key, !o->negate);
		return 0;
	case YOUSU_T_LIST:
		cJSON_AddItemToObject(args, f->key, split_list(v));
		return 0;
	default:
		cJSON_AddStringToObject(args, f->key, v);
		return 0;
	}
}

/* "unknown option '--sourse': did you mean '--source'?" */
static void
unknown_opt(const ctl_cmd *c, const ctl_opt *o, size_t no, const char *arg)
{
	const char *names[MAX_OPTS + 1], *near;
	char typed[64];
	size_t n = 0;

	snprintf(
	    typed, sizeof typed, "%.*s", (int) strcspn(arg + 2, "="), arg + 2);
	for (size_t i = 0; i < no; i++)
		names[n++] = o[i].name;
	names[n++] = "help";
	near = arg[0] == '-' && arg[1] == '-'
	           ? yousu_text_closest(typed, names, n)
	           : NULL;
	if (near != NULL)
		fprintf(stderr,
		    "yousuctl %s: unknown option '%s': did you mean '--%s'?\n",
		    c->name, arg, near);
	else
		fprintf(
		    stderr, "yousuctl %s: unknown option '%s'\n", c->name, arg);
}

/* Parse the command's own options into args; positionals into pos. */
static int
parse_cmd(const ctl_cmd *c, int argc, char **argv, cJSON *args, ctl_local *l,
    cJSON *pos)
{
	struct option lo[MAX_OPTS + 2];
	ctl_opt o[MAX_OPTS];
	size_t no = options(c, o);
	bool dash_o = yousu_command_field(c->schema, "output") != NULL;
	int ch, rv;

	for (size_t i = 0; i < no; i++)
		lo[i] = (struct option){
		    o[i].name, takes_value(&o[i]), NULL, (int) i};
	lo[no] = (struct option){"help", 0, NULL, 'h'};
	lo[no + 1] = (struct option){0, 0, 0, 0};
	optind = 0; /* glibc: start a fresh scan */
	opterr = 0; /* an unknown option is said here, with what was meant */
	while ((ch = getopt_long(
	            argc, argv, dash_o ? ":o:h" : ":h", lo, NULL)) != -1) {
		if (ch == 'h') {
			cmd_usage(stdout, c);
			return -1;
		}
		if (ch == 'o') {
			l->output = optarg;
			continue;
		}
		if (ch == ':') {
			fprintf(stderr,
			    "yousuctl %s: option '%s' needs a value\n", c->name,
			    argv[optind - 1]);
			cmd_usage(stderr, c);
			return 2;
		}
		if (ch == '?' || ch < 0 || (size_t) ch >= no) {
			unknown_opt(c, o, no, argv[optind - 1]);
			cmd_usage(stderr, c);
			return 2;
		}
		if ((rv = set_opt(c, &o[ch], optarg, args, l)) != 0)
			return rv;
	}
	for (; optind < argc; optind++)
		cJSON_AddItemToArray(pos, cJSON_CreateString(argv[optind]));
	return 0;
}

/* The positionals from i on, joined by spaces (a REST field). */
static char *
joined(const cJSON *pos, int i)
{
	size_t len = 1;
	char *text;

	for (int k = i; k < cJSON_GetArraySize(pos); k++)
		len += strlen(cJSON_GetArrayItem(pos, k)->valuestring) + 1;
	if ((text = calloc(1, len)) == NULL)
		return NULL;
	for (int k = i; k < cJSON_GetArraySize(pos); k++) {
		if (text[0] != '\0')
			strcat(text, " ");
		strcat(text, cJSON_GetArrayItem(pos, k)->valuestring);
	}
	return text;
}

/* One positional v into field f of args. */
static int
place_one(const ctl_cmd *c, const yousu_field *f, const char *v, cJSON *args)
{
	char *abs;
	long n;

	if (f->type == YOUSU_T_INT) {
		if (whole(c, f->label, v, &n) != 0)
			return 2;
		cJSON_AddNumberToObject(args, f->key, (double) n);
		return 0;
	}
	/* a file the daemon reads, from where it runs: a full path */
	abs = (f->flags & YOUSU_F_PATH) ? realpath(v, NULL) : NULL;
	cJSON_AddStringToObject(args, f->key, abs ? abs : v);
	free(abs);
	return 0;
}

/* Put the positionals into the command's argument fields, in order. */
static int
place_positionals(const ctl_cmd *c, cJSON *pos, cJSON *args)
{
	int n = cJSON_GetArraySize(pos), i = 0, need = 0, rv;
	bool rest = false;
	char *text;

	for (const yousu_field *f = c->schema->fields; f->key; f++) {
		if (!(f->flags & YOUSU_F_ARG))
			continue;
		need += (f->flags & YOUSU_F_REQUIRED) != 0;
		if (i >= n)
			continue;
		if (f->flags & YOUSU_F_REST) {
			if ((text = joined(pos, i)) == NULL)
				return 2;
			cJSON_AddStringToObject(args, f->key, text);
			free(text);
			i = n;
			rest = true;
		} else if ((rv = place_one(c, f,
		                cJSON_GetArrayItem(pos, i++)->valuestring,
		                args)) != 0) {
			return rv;
		}
	}
	if (n >= need && (i == n || rest))
		return 0;
	fprintf(stderr, "yousuctl %s: expected %s\n", c->name,
	    c->schema->usage[0] ? c->schema->usage : "no positional argument");
	cmd_usage(stderr, c);
	return 2;
}

static const ctl_cmd *
find_cmd(const char *name)
{
	for (const ctl_cmd *c = commands; c->name; c++)
		if (strcmp(c->name, name) == 0)
			return c;
	return NULL;
}

/* Whether w heads a group of two-word commands ("case propose"). */
static bool
is_group(const char *w)
{
	size_t n = strlen(w);

	for (const ctl_cmd *c = commands; c->name; c++)
		if (strncmp(c->name, w, n) == 0 && c->name[n] == ' ')
			return true;
	return false;
}

/* "yousuctl case" (or "hotline") alone or with --help: its commands. */
static int
group_usage(int argc, char **argv)
{
	bool help = argc >= 2 && (strcmp(argv[1], "--help") == 0 ||
	                             strcmp(argv[1], "-h") == 0);
	FILE *f = help ? stdout : stderr;
	size_t n = strlen(argv[0]);

	fprintf(f,
	    "usage: yousuctl [global options] %s COMMAND [ARGS]\n"
	    "COMMAND --help for each:\n",
	    argv[0]);
	for (const ctl_cmd *c = commands; c->name; c++)
		if (strncmp(c->name, argv[0], n) == 0 && c->name[n] == ' ')
			fprintf(f, "  %-16s %s: %s\n", c->name,
			    c->schema->label, c->schema->summary);
	return help ? 0 : 2;
}

/* The command named by argv: one word, or two for "case propose" and
 * its siblings; *words says how many. */
static const ctl_cmd *
find_cmd_words(int argc, char **argv, int *nwords)
{
	char name[64];

	*nwords = 1;
	if (!is_group(argv[0]))
		return find_cmd(argv[0]);
	if (argc >= 2 && argv[1][0] != '-') {
		*nwords = 2;
		snprintf(name, sizeof name, "%s %s", argv[0], argv[1]);
		return find_cmd(name);
	}
	return find_cmd(argv[0]); /* "calendar" alone is a command */
}

/* "unknown command 'intak': did you mean 'intake'?" and the usage. */
static int
unknown_cmd(int argc, char **argv, int nwords)
{
	const char *names[MAX_CMDS], *near;
	char typed[128];
	size_t n = 0;

	snprintf(typed, sizeof typed, "%s%s%s", argv[0], nwords > 1 ? " " : "",
	    nwords > 1 && argc > 1 ? argv[1] : "");
	for (const ctl_cmd *c = commands; c->name; c++)
		names[n++] = c->name;
	near = yousu_text_closest(typed, names, n);
	if (near != NULL)
		fprintf(stderr,
		    "yousuctl: unknown command '%s': did you mean '%s'?\n",
		    typed, near);
	else
		fprintf(stderr, "yousuctl: unknown command '%s'\n", typed);
	return usage(stderr, 2);
}

/* yousuctl schema: the command schema as JSON. */
static int
print_schema(void)
{
	cJSON *s = yousu_commands_json();
	char *text = cJSON_Print(s);

	puts(text);
	free(text);
	cJSON_Delete(s);
	return 0;
}

/* The request's fields without yousuctl's own. */
static void
drop_client_fields(const ctl_cmd *c, cJSON *args)
{
	for (const yousu_field *f = c->schema->fields; f->key; f++)
		if (f->flags & YOUSU_F_CLIENT)
			cJSON_DeleteItemFromObject(args, f->key);
}

static int
run(const char *url, int timeout, const ctl_cmd *c, const char *actor,
    cJSON *args, ctl_local *local)
{
	if (strcmp(c->schema->name, "keygen") == 0)
		return ctl_keygen(yousu_jstr_or(args, "file"));
	if (strcmp(c->schema->name, "batch") == 0)
		return ctl_batch(url, timeout, c, actor, args, local);
	if (strcmp(c->schema->name, "backup") == 0) {
		/* kept: the client fields leave args before it is sent */
		static char to[4096];

		if (yousu_jstr_or(args, "file") == NULL) {
			fprintf(stderr, "yousuctl backup: which file (FILE)\n");
			return 2;
		}
		snprintf(to, sizeof to, "%s", yousu_jstr_or(args, "file"));
		local->backup = to;
	}
	drop_client_fields(c, args);
	return ctl_exchange(url, timeout, c, actor, args, local);
}

int
main(int argc, char **argv)
{
	static const struct option gopts[] = {{"socket", 1, 0, 's'},
	    {"json", 0, 0, 'j'}, {"actor", 1, 0, 'a'}, {"timeout", 1, 0, 't'},
	    {"help", 0, 0, 'h'}, {0, 0, 0, 0}};
	const char *url = getenv("YOUSU_SOCKET"),
	           *actor = getenv("YOUSU_ACTOR");
	ctl_local local = {0};
	int timeout = 30000, ch, rv, nwords;
	const ctl_cmd *c;
	cJSON *args, *pos;

	/* ledgers and tables written with -o hold names and phones: the
	 * files yousuctl makes are its user's alone */
	umask(077);
	load_commands();
	if (url == NULL)
		url = "ipc:///tmp/yousu/node.sock";
	if (actor == NULL)
		actor = getenv("USER") ? getenv("USER") : "operator";
	while ((ch = getopt_long(argc, argv, "+s:h", gopts, NULL)) != -1) {
		if (ch == 's')
			url = optarg;
		else if (ch == 'j')
			local.json = true;
		else if (ch == 'a')
			actor = optarg;
		else if (ch == 't')
			timeout = atoi(optarg);
		else
			return usage(
			    ch == 'h' ? stdout : stderr, ch != 'h' ? 2 : 0);
	}
	if (optind >= argc)
		return usage(stderr, 2);
	if (strcmp(argv[optind], "schema") == 0)
		return print_schema();
	if (is_group(argv[optind]) && find_cmd(argv[optind]) == NULL &&
	    (optind + 1 == argc || argv[optind + 1][0] == '-'))
		return group_usage(argc - optind, argv + optind);
	if ((c = find_cmd_words(argc - optind, argv + optind, &nwords)) == NULL)
		return unknown_cmd(argc - optind, argv + optind, nwords);
	optind += nwords - 1; /* the last word of the name is argv[0] */
	args = cJSON_CreateObject();
	pos = cJSON_CreateArray();
	rv = parse_cmd(c, argc - optind, argv + optind, args, &local, pos);
	if (rv == 0)
		rv = place_positionals(c, pos, args);
	if (rv == 0)
		rv = run(url, timeout, c, actor, args, &local);
	cJSON_Delete(args);
	cJSON_Delete(pos);
	return rv < 0 ? 0 : rv;
}
