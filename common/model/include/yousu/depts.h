/* yousu — the department catalogue (政务服务部门): who handles what, at
 * which level, and how to reach them; and the routing proposal (分办
 * 建议) that scores departments against a complaint. */
#ifndef YOUSU_DEPTS_H
#define YOUSU_DEPTS_H

#include <stdbool.h>
#include <stddef.h>

#include "yousu/err.h"
#include "yousu/policy.h"

typedef struct yousu_depts yousu_depts;
typedef struct cJSON cJSON;

/* The level a department works at. */
typedef enum {
	YOUSU_LEVEL_TOWNSHIP, /* 乡镇: a township centre's window or office */
	YOUSU_LEVEL_COUNTY,   /* 县: a county department */
	YOUSU_LEVEL_CITY,     /* 市: a city bureau */
} yousu_level;

/* One department as the catalogue lists it. Every pointer is borrowed
 * from the catalogue and lives as long as it. */
typedef struct yousu_dept_info {
	const char *code;
	const char *name;
	yousu_level level;
	const char *contact;           /* person or office; "" when not given */
	const char *phone;             /* "" when not given */
	const char *const *categories; /* profile category codes */
	size_t ncategories;
	const char *const *keywords; /* terms it handles (社保, 户口 ...) */
	size_t nkeywords;
} yousu_dept_info;

/* yousu_depts_load reads a department catalogue: one [dept CODE] section
 * per department with the keys name, level (required), categories,
 * keywords, contact, phone (README "Department catalogue"); the older
 * [departments] CODE = name lines also load (level county, nothing to
 * route by). *out is owned by the caller (yousu_depts_free). YOUSU_CONFIG
 * with "file:line: message" in err on a bad line: an unknown key, a bad
 * code, level, category code or keyword, a key or department given
 * twice, a missing name or level; YOUSU_NOMEM when memory runs out.
 * Category codes are checked against a profile by yousu_depts_check. */
yousu_err yousu_depts_load(
    const char *path, yousu_depts **out, char *err, size_t errlen);

/* yousu_depts_check verifies that every category a department of d lists
 * is one of profile p's [categories]; YOUSU_CONFIG with "file:line:
 * department CODE: category 'x' is not in the profile ..." otherwise. */
yousu_err yousu_depts_check(
    const yousu_depts *d, const yousu_policy *p, char *err, size_t errlen);

/* yousu_depts_free releases d; NULL is allowed. */
void yousu_depts_free(yousu_depts *d);

/* yousu_depts_name returns the department's name, or NULL if unknown
 * (code may be NULL). */
const char *yousu_depts_name(const yousu_depts *d, const char *code);

/* yousu_depts_label returns what a form prints for department code: its
 * name, or the code itself when d is NULL or does not list it. */
const char *yousu_depts_label(const yousu_depts *d, const char *code);

/* yousu_depts_known tells whether code is in the catalogue. */
bool yousu_depts_known(const yousu_depts *d, const char *code);

/* yousu_depts_level writes the level of department code into *out;
 * YOUSU_NOTFOUND (and *out untouched) if code is unknown. */
yousu_err yousu_depts_level(
    const yousu_depts *d, const char *code, yousu_level *out);

/* yousu_depts_count returns how many departments d lists. */
size_t yousu_depts_count(const yousu_depts *d);

/* yousu_depts_get fills *out with the i-th department in file order
 * (0 <= i < yousu_depts_count); false, *out untouched, past the end. */
bool yousu_depts_get(const yousu_depts *d, size_t i, yousu_dept_info *out);

/* yousu_level_name returns "township", "county" or "city";
 * yousu_level_label the Chinese label: 乡镇, 县, 市. */
const char *yousu_level_name(yousu_level l);
const char *yousu_level_label(yousu_level l);

/* --- routing ---------------------------------------------------------- */

#define YOUSU_ROUTE_MAX  12 /* departments a proposal lists at most */
#define YOUSU_ROUTE_HITS 8  /* keywords reported per department */

typedef enum {
	YOUSU_ROUTE_LEAD, /* 牵头: the best score */
	YOUSU_ROUTE_CO,   /* 协办: brings evidence the ones above lack */
	YOUSU_ROUTE_ALSO, /* matched only what a better one matched */
} yousu_route_role;

typedef struct yousu_route_pick {
	const char *code; /* borrowed from the catalogue */
	yousu_route_role role;
	int score;
	bool category; /* handles the category */
	size_t nfound; /* keywords found (that count) */
	size_t nhits;  /* how many of them hits holds, at most ROUTE_HITS */
	const char *hits[YOUSU_ROUTE_HITS]; /* borrowed, catalogue order */
} yousu_route_pick;

typedef struct yousu_route {
	size_t n; /* picks, best first; when n > 0, picks[0] is the lead */
	yousu_route_pick picks[YOUSU_ROUTE_MAX];
} yousu_route;

/* yousu_depts_route proposes who handles a complaint of category (a
 * profile code, or NULL when not classified yet) whose text is content
 * (UTF-8, or NULL). A department scores 3 when it handles the category,
 * plus, for each of its keywords found in content, the keyword's length
 * in characters (a keyword inside a longer one it also found counts
 * once, in the longer). Departments that score are ranked: those with a
 * keyword found before those with the category only, then by score,
 * then by code; the first is the lead; each next one is a co-handler if it
 * matched a keyword that no department above it matched (nor one inside
 * such a keyword), or the category that none above it handles; the
 * others are listed as also matching. At most YOUSU_ROUTE_MAX are kept,
 * best first; out->n is 0 when nothing matched (no category and empty
 * content, for one). The proposal is advice: assigning stays with the
 * supervisor (assign). *out is filled; its strings are borrowed from d. */
void yousu_depts_route(const yousu_depts *d, const char *category,
    const char *content, yousu_route *out);

/* yousu_route_set_lead makes department code the lead of r (a class the
 * profile gives to one body): moved to the front, or added there when it
 * did not match; the lead it displaces becomes a co-handler. Unknown
 * codes leave r as it is. */
void yousu_route_set_lead(
    const yousu_depts *d, yousu_route *r, const char *code);

/* yousu_route_add_co adds department code to r as a co-handler (a
 * listed one that only also matched becomes one); unknown codes and the
 * lead leave r as it is. */
void yousu_route_add_co(const yousu_depts *d, yousu_route *r, const char *code);

/* yousu_depts_match_unit returns the code (borrowed from d) of the
 * department that a unit named in free text is — a 12345 form's 主办单位
 * or 协办单位, "沈丘县市场监督管理局" for 县市场监督管理局（商事登记窗口） — or
 * NULL when none is: names are compared without what is in brackets and
 * without the place before the first 县 or 市; an equal one first, else
 * the longest that holds the other. */
const char *yousu_depts_match_unit(const yousu_depts *d, const char *text);

/* yousu_depts_code_of returns the code (borrowed from d) of the
 * department text names exactly — its code, its name or an alias — or
 * NULL. */
const char *yousu_depts_code_of(const yousu_depts *d, const char *text);

/* yousu_depts_closest returns the code a mistyped one (SJC, scj) was
 * probably meant to be, or NULL. */
const char *yousu_depts_closest(const yousu_depts *d, const char *text);

/* yousu_route_role_name returns "lead", "co" or "also". */
const char *yousu_route_role_name(yousu_route_role r);

/* --- as JSON (control answers) --------------------------------------- */

/* yousu_depts_json returns the catalogue as a JSON array, one object per
 * department in file order: code, name, level, level_label, categories,
 * keywords (lists of strings), contact, phone. Owned by the caller
 * (cJSON_Delete); NULL when memory runs out. */
cJSON *yousu_depts_json(const yousu_depts *d);

/* yousu_route_json returns proposal r, made from d for category (or
 * NULL), as a JSON object: "lead" (a pick, or null when nothing
 * matched), "co" and "also" (lists of picks), "levels" (the levels of
 * the lead and co-handlers) and "cross_level" (true when those are more
 * than one: 002 第七条, 跨层级). A pick has code, name, level, level_label,
 * score, category (bool), keywords (those found, at most YOUSU_ROUTE_HITS),
 * found (how many) and reason (one line saying why). Owned by the
 * caller; NULL when memory runs out. */
cJSON *yousu_route_json(
    const yousu_depts *d, const char *category, const yousu_route *r);

#endif
