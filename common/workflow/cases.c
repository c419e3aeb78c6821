/* Guidance cases (指导案例, 002 article 11): propose, review, list, show
 * and search, over the store's tables cases and cases_fts (migration 3
 * in store.c). */
#include <ctype.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/cases.h"
#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/store_ext.h"
#include "yousu/utf8.h"

#define MAX_WORDS 16 /* words of one search */
/* Terms of one similar-case query: the first 64 distinct trigrams, about
 * the first 70 characters, where a complaint states its matter. Each
 * term costs a doclist and a bm25 share: measured on 3,000 cases of text
 * drawn from a small alphabet (every trigram common, the worst case),
 * 64 terms take 10 ms, 200 take 26 ms. */
#define MAX_TRIGRAMS 64
#define TITLE_CHARS  30  /* a default title: the summary's start */
#define MAX_TITLE    200 /* bytes */

/* Every query returns a case's columns in this order (row_json). */
#define CASE_COLS                                                         \
	"c.id, c.complaint, c.title, c.category, c.summary, c.method,"    \
	" c.conclusion, c.proposer, c.proposed_at, c.status, c.reviewer," \
	" c.reviewed_at, c.review_note"
#define NCOLS 13

/* bm25 weights of title, summary, method, conclusion */
#define BM25 "bm25(cases_fts, 3.0, 2.0, 1.0, 1.0)"

static const char *const col_names[NCOLS] = {"id", "complaint", "title",
    "category", "summary", "method", "conclusion", "proposer", "proposed_at",
    "status", "reviewer", "reviewed_at", "review_note"};

/* Is cp part of a word: a letter or digit, any CJK character; not a
 * space, punctuation or symbol. */
static bool
is_word(uint32_t cp)
{
	static const uint32_t gaps[][2] = {{0x80, 0xBF}, {0x2000, 0x206F},
	    {0x3000, 0x303F}, {0xFE30, 0xFE6F}, {0xFF00, 0xFF0F},
	    {0xFF1A, 0xFF20}, {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65},
	    {0xFFFD, 0xFFFD}};

	if (cp < 0x80)
		return isalnum((int) cp);
	for (size_t i = 0; i < sizeof gaps / sizeof *gaps; i++)
		if (cp >= gaps[i][0] && cp <= gaps[i][1])
			return false;
	return true;
}

/* --- rows ------------------------------------------------------------- */

static cJSON *
row_json(sqlite3_stmt *s)
{
	cJSON *c = cJSON_CreateObject();

	for (int i = 0; i < NCOLS; i++) {
		switch (sqlite3_column_type(s, i)) {
		case SQLITE_NULL:
			break;
		case SQLITE_INTEGER:
			yousu__jset_int(
			    c, col_names[i], sqlite3_column_int64(s, i));
			break;
		default:
			yousu__jset_str(c, col_names[i],
			    (const char *) sqlite3_column_text(s, i));
		}
	}
	return c;
}

/* Step s to the end: each row a case in a new array in *out (with
 * "matched" from column NCOLS when matched). Finalizes s. */
static yousu_err
collect(sqlite3_stmt *s, bool matched, cJSON **out)
{
	cJSON *arr = cJSON_CreateArray(), *c;
	int rc;

	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		c = row_json(s);
		if (matched)
			yousu__jset_int(
			    c, "matched", sqlite3_column_int64(s, NCOLS));
		cJSON_AddItemToArray(arr, c);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(arr);
		return YOUSU_DB;
	}
	*out = arr;
	return YOUSU_OK;
}

static sqlite3_stmt *
prepare(yousu_store *st, const char *sql)
{
	sqlite3_stmt *s = NULL;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st), sql, -1, &s, NULL))
		return NULL;
	return s;
}

/* The case with id as a new object in *out; YOUSU_NOTFOUND if none. */
static yousu_err
load_case(yousu_store *st, const char *id, cJSON **out)
{
	sqlite3_stmt *s =
	    prepare(st, "SELECT " CASE_COLS " FROM cases c WHERE c.id = ?1");
	cJSON *arr = NULL;
	yousu_err rv;

	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	if ((rv = collect(s, false, &arr)) != YOUSU_OK)
		return rv;
	if (cJSON_GetArraySize(arr) == 0) {
		cJSON_Delete(arr);
		return YOUSU_NOTFOUND;
	}
	*out = cJSON_DetachItemFromArray(arr, 0);
	cJSON_Delete(arr);
	return YOUSU_OK;
}

yousu_err
yousu_cases_show(
    yousu_store *st, const char *case_id, cJSON **out, char *err, size_t errlen)
{
	yousu_err rv;

	if (case_id == NULL)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "missing field 'id' (which case)");
	if ((rv = load_case(st, case_id, out)) == YOUSU_NOTFOUND)
		return yousu_errorf(err, errlen, rv, "no case '%s'", case_id);
	if (rv != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	return YOUSU_OK;
}

/* --- propose ---------------------------------------------------------- */

/* A free-text field: present (unless optional), not blank, at most max
 * bytes, UTF-8. */
static yousu_err
check_text(const char *v, const char *key, const char *what, bool required,
    size_t max, char *err, size_t errlen)
{
	if (v == NULL && !required)
		return YOUSU_OK;
	if (v == NULL)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "missing field '%s' (%s)", key, what);
	if (yousu_text_blank(v))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "field '%s' (%s) is blank", key, what);
	if (strlen(v) > max)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "field '%s' (%s) is too long (max %zu bytes)", key, what,
		    max);
	if (!yousu_utf8_valid(v))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "field '%s' (%s) is not UTF-8 text", key, what);
	return YOUSU_OK;
}

static yousu_err
check_proposal(const yousu_case_proposal *p, char *err, size_t errlen)
{
	yousu_err rv;

	if (p->complaint == NULL || p->complaint[0] == '\0')
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "missing field 'id' (the closed complaint to propose)");
	if (p->proposer == NULL || p->proposer[0] == '\0')
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "missing actor (who proposes the case)");
	if (p->centre == NULL || p->centre[0] == '\0')
		yousu_panic("cases: a proposal without the centre's code");
	if ((rv = check_text(p->method, "method", "处理方法和步骤", true,
	         YOUSU_CASES_MAX_TEXT, err, errlen)) != YOUSU_OK ||
	    (rv = check_text(p->conclusion, "conclusion", "结论意见", true,
	         YOUSU_CASES_MAX_TEXT, err, errlen)) != YOUSU_OK)
		return rv;
	return check_text(
	    p->title, "title", "标题", false, MAX_TITLE, err, errlen);
}

/* The complaint id, which must be closed, in *out (caller frees). */
static yousu_err
load_closed(
    yousu_store *st, const char *id, cJSON **out, char *err, size_t errlen)
{
	cJSON *doc = NULL;
	const char *status;
	yousu_err rv = yousu_store_load(st, id, &doc);

	if (rv == YOUSU_NOTFOUND)
		return yousu_errorf(err, errlen, rv, "no complaint '%s'", id);
	if (rv != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	status = yousu__jstr(doc, "status");
	if (status == NULL || strcmp(status, "closed") != 0) {
		yousu_errorf(err, errlen, YOUSU_STATE,
		    "%s is %s (%s); only a closed complaint (已清零销号) "
		    "becomes a guidance case: close it first (yousuctl close)",
		    id, yousu_label("status", status ? status : "?"),
		    status ? status : "?");
		cJSON_Delete(doc);
		return YOUSU_STATE;
	}
	*out = doc;
	return YOUSU_OK;
}

/* Refuse a second case for a complaint while one is proposed or
 * published (a returned one may be proposed again). */
static yousu_err
no_live_case(yousu_store *st, const char *complaint, char *err, size_t errlen)
{
	sqlite3_stmt *s =
	    prepare(st, "SELECT id, status FROM cases WHERE complaint = ?1"
	                " AND status IN ('proposed', 'published')");
	yousu_err rv = YOUSU_OK;
	int rc;

	if (s == NULL)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	sqlite3_bind_text(s, 1, complaint, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *status = (const char *) sqlite3_column_text(s, 1);

		rv = yousu_errorf(err, errlen, YOUSU_STATE,
		    "%s is already case %s (%s, %s); a complaint has one "
		    "case at a time (a returned case may be proposed again)",
		    complaint, sqlite3_column_text(s, 0),
		    yousu_label("case", status), status);
	} else if (rc != SQLITE_DONE) {
		rv = yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	}
	sqlite3_finalize(s);
	return rv;
}

/* s with every occurrence of what replaced by with, as a new string; s
 * is freed. NULL when out of memory. */
static char *
replace_all(char *s, const char *what, const char *with)
{
	size_t wl = strlen(what), nl = strlen(with), n = 0, off = 0;
	const char *p, *q;
	char *out;

	for (p = s; (p = strstr(p, what)) != NULL; p += wl)
		n++;
	if (n == 0)
		return s;
	if ((out = malloc(strlen(s) - n * wl + n * nl + 1)) == NULL) {
		free(s);
		return NULL;
	}
	for (p = s; (q = strstr(p, what)) != NULL; p = q + wl) {
		memcpy(out + off, p, (size_t) (q - p));
		off += (size_t) (q - p);
		memcpy(out + off, with, nl);
		off += nl;
	}
	memcpy(out + off, p, strlen(p) + 1);
	free(s);
	return out;
}

/* Runs of 7 or more digits (telephone, identity card and account
 * numbers; an identity card's final X with them) become "***", in
 * place: the result is never longer. */
static void
mask_numbers(char *s)
{
	char *w = s;

	while (*s) {
		size_t n = strspn(s, "0123456789");

		if (n >= 7) {
			s += n;
			if (n == 17 && (*s == 'X' || *s == 'x'))
				s++;
			memcpy(w, "***", 3);
			w += 3;
		} else if (n > 0) {
			memmove(w, s, n);
			w += n;
			s += n;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
}

/* The summary: the complaint's content without the complainant's
 * personal data (a new string, or NULL when out of memory). */
static char *
summary_of(const cJSON *doc)
{
	static const struct {
		const char *key, *with;
	} personal[] = {{"name", "某某"}, {"org_contact", "某某"},
	    {"order_contact", "某某"}, {"address", "（地址略）"},
	    {"phone", "***"}, {"order_phone", "***"}};
	const char *content = yousu__jstr(doc, "content");
	char *s = strdup(content ? content : "");

	for (size_t i = 0; s && i < sizeof personal / sizeof *personal; i++) {
		const char *v = yousu__jstr(doc, personal[i].key);

		/* a one-character value would blank out common words */
		if (v != NULL && yousu_utf8_chars(v) >= 2)
			s = replace_all(s, v, personal[i].with);
	}
	if (s != NULL)
		mask_numbers(s);
	return s;
}

/* A title from the summary: its first TITLE_CHARS characters. */
static void
default_title(const char *summary, char *buf, size_t len)
{
	const char *p = summary;
	uint32_t cp;
	size_t n = 0, chars = 0;

	for (; *p && chars < TITLE_CHARS; p += n ? n : 1, chars++)
		n = yousu_utf8_next(p, &cp);
	snprintf(
	    buf, len, "%.*s%s", (int) (p - summary), summary, *p ? "…" : "");
	if (buf[0] == '\0')
		snprintf(buf, len, "%s", "（无标题）");
}

static yousu_err
insert_row(yousu_store *st, const yousu_case_proposal *p, const char *id,
    const char *category, const char *summary)
{
	char title[MAX_TITLE + 8];
	sqlite3_stmt *s = prepare(st,
	    "INSERT INTO cases(id, complaint, title, category, summary,"
	    " method, conclusion, proposer, proposed_at, status)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'proposed')");
	int rc;

	if (s == NULL)
		return YOUSU_DB;
	if (p->title == NULL)
		default_title(summary, title, sizeof title);
	else
		snprintf(title, sizeof title, "%s", p->title);
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, p->complaint, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, title, -1, SQLITE_STATIC);
	if (category != NULL)
		sqlite3_bind_text(s, 4, category, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, summary, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, p->method, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, p->conclusion, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, p->proposer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 9, p->at);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

/* Number the case and store it, in one transaction; its id in id. */
static yousu_err
store_case(yousu_store *st, const yousu_case_proposal *p, const cJSON *doc,
    const char *summary, char *id, size_t idlen, char *err, size_t errlen)
{
	char key[32];
	int64_t n;
	yousu_err rv;

	if ((rv = yousu_store_begin(st)) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	snprintf(key, sizeof key, "case:%04d", p->year);
	rv = yousu_store_next_serial(st, key, &n);
	if (rv == YOUSU_OK) {
		snprintf(id, idlen, "%s-案例-%04d-%03lld", p->centre, p->year,
		    (long long) n);
		rv = insert_row(
		    st, p, id, yousu__jstr(doc, "category"), summary);
	}
	if (rv == YOUSU_OK)
		rv = yousu_store_commit(st);
	if (rv != YOUSU_OK) {
		yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
		yousu_store_rollback(st);
	}
	return rv;
}

yousu_err
yousu_cases_propose(yousu_store *st, const yousu_case_proposal *p, cJSON **out,
    char *err, size_t errlen)
{
	cJSON *doc = NULL;
	char *summary = NULL, id[96];
	yousu_err rv;

	if ((rv = check_proposal(p, err, errlen)) != YOUSU_OK ||
	    (rv = load_closed(st, p->complaint, &doc, err, errlen)) != 0)
		return rv;
	if ((rv = no_live_case(st, p->complaint, err, errlen)) != YOUSU_OK)
		goto done;
	if ((summary = summary_of(doc)) == NULL) {
		rv = yousu_errorf(err, errlen, YOUSU_NOMEM, "out of memory");
		goto done;
	}
	if ((rv = store_case(
	         st, p, doc, summary, id, sizeof id, err, errlen)) == YOUSU_OK)
		rv = yousu_cases_show(st, id, out, err, errlen);
done:
	cJSON_Delete(doc);
	free(summary);
	return rv;
}

/* --- review ----------------------------------------------------------- */

static yousu_err
set_review(yousu_store *st, const char *id, bool publish, const char *reviewer,
    const char *note, int64_t at)
{
	sqlite3_stmt *s = prepare(st,
	    "UPDATE cases SET status = ?1, reviewer = ?2, reviewed_at = ?3,"
	    " review_note = ?4 WHERE id = ?5 AND status = 'proposed'");
	int rc;

	if (s == NULL)
		return YOUSU_DB;
	sqlite3_bind_text(
	    s, 1, publish ? "published" : "returned", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, reviewer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 3, at);
	if (note != NULL)
		sqlite3_bind_text(s, 4, note, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		return YOUSU_DB;
	return sqlite3_changes(yousu_store_sqlite(st)) == 1 ? YOUSU_OK
	                                                    : YOUSU_STATE;
}

yousu_err
yousu_cases_review(yousu_store *st, const char *case_id, bool publish,
    const char *reviewer, const char *note, int64_t at, cJSON **out, char *err,
    size_t errlen)
{
	cJSON *c = NULL;
	const char *status;
	yousu_err rv;

	if (reviewer == NULL || reviewer[0] == '\0')
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "missing actor (who reviews the case)");
	if (!publish && yousu_text_blank(note))
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "returning a case needs a note saying why (审核意见)");
	if ((rv = check_text(note, "note", "审核意见", false,
	         YOUSU_CASES_MAX_TEXT, err, errlen)) != YOUSU_OK)
		return rv;
	if ((rv = yousu_cases_show(st, case_id, &c, err, errlen)) != 0)
		return rv;
	status = yousu__jstr(c, "status");
	if (strcmp(status, "proposed") != 0) {
		yousu_errorf(err, errlen, YOUSU_STATE,
		    "%s is already %s (%s); only a case awaiting review "
		    "(待审核) is published or returned",
		    case_id, yousu_label("case", status), status);
		cJSON_Delete(c);
		return YOUSU_STATE;
	}
	cJSON_Delete(c);
	if ((rv = set_review(st, case_id, publish, reviewer, note, at)) != 0)
		return yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	return yousu_cases_show(st, case_id, out, err, errlen);
}

/* --- list ------------------------------------------------------------- */

yousu_err
yousu_cases_list(yousu_store *st, const char *status, int limit, cJSON **out,
    char *err, size_t errlen)
{
	const char *code = NULL;
	char choices[160];
	sqlite3_stmt *s;

	if (status != NULL &&
	    (code = yousu_code_from_input("case", status)) == NULL) {
		yousu_codes_list("case", choices, sizeof choices);
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "status '%s' is not one of: %s", status, choices);
	}
	s = prepare(st, "SELECT " CASE_COLS " FROM cases c"
	                " WHERE ?1 IS NULL OR c.status = ?1"
	                " ORDER BY c.rid LIMIT ?2");
	if (s == NULL)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	if (code != NULL)
		sqlite3_bind_text(s, 1, code, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 2, limit > 0 ? limit : -1);
	if (collect(s, false, out) != YOUSU_OK)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	return YOUSU_OK;
}

/* --- search ----------------------------------------------------------- */

typedef struct {
	char *buf; /* the words, each NUL-terminated (owned) */
	const char *w[MAX_WORDS];
	int n;     /* words */
	int nlong; /* of them, three characters or more */
} words;

static bool
seen(const words *ws, const char *w)
{
	for (int i = 0; i < ws->n; i++)
		if (strcmp(ws->w[i], w) == 0)
			return true;
	return false;
}

/* End the word that starts at start (NULL: none) at end; keep it unless
 * it is there already. YOUSU_LIMIT past MAX_WORDS. */
static yousu_err
end_word(words *ws, char *start, char *end)
{
	if (start == NULL)
		return YOUSU_OK;
	*end = '\0';
	if (seen(ws, start))
		return YOUSU_OK;
	if (ws->n == MAX_WORDS)
		return YOUSU_LIMIT;
	ws->w[ws->n++] = start;
	if (yousu_utf8_chars(start) >= 3)
		ws->nlong++;
	return YOUSU_OK;
}

/* Split text into its words (runs of word characters), ASCII in lower
 * case: a search is case-insensitive like the index. */
static yousu_err
split_words(const char *text, words *ws)
{
	char *p, *start = NULL;
	uint32_t cp;
	size_t n;
	yousu_err rv = YOUSU_OK;

	memset(ws, 0, sizeof *ws);
	if ((ws->buf = strdup(text)) == NULL)
		return YOUSU_NOMEM;
	for (p = ws->buf; *p && rv == YOUSU_OK; p += n) {
		if ((n = yousu_utf8_next(p, &cp)) == 0) {
			n = 1;
			cp = 0xFFFD;
		}
		if (is_word(cp)) {
			*p = (char) tolower((unsigned char) *p);
			start = start ? start : p;
			continue;
		}
		rv = end_word(ws, start, p);
		start = NULL;
	}
	if (rv == YOUSU_OK)
		rv = end_word(ws, start, p);
	return rv;
}

/* The FTS5 query "w1" OR "w2" ... over the long words (new string). */
static char *
match_expr(const words *ws)
{
	sqlite3_str *q = sqlite3_str_new(NULL);
	int k = 0;

	for (int i = 0; i < ws->n; i++) {
		if (yousu_utf8_chars(ws->w[i]) < 3)
			continue;
		/* words hold no quote; %w would double one */
		sqlite3_str_appendf(q, "%s\"%w\"", k++ ? " OR " : "", ws->w[i]);
	}
	return sqlite3_str_finish(q);
}

/* The search query. ?1 is the FTS5 query, ?2.. the words, then the
 * limit. Long words come through the trigram index (bm25); with short
 * ones the published cases are scanned, which the index cannot serve. */
static char *
search_sql(const words *ws)
{
	sqlite3_str *q = sqlite3_str_new(NULL);
	const char *join = ws->nlong == ws->n ? "" : "LEFT ";

	sqlite3_str_appendall(q,
	    "WITH p AS (SELECT c.rid AS rid, lower(c.title || char(10) ||"
	    " c.summary || char(10) || c.method || char(10) ||"
	    " c.conclusion) AS txt, ");
	if (ws->nlong > 0)
		sqlite3_str_appendf(q,
		    "f.score AS score FROM cases c %sJOIN (SELECT rowid AS rid,"
		    " " BM25 " AS score FROM cases_fts WHERE cases_fts MATCH"
		    " ?1) f ON f.rid = c.rid",
		    join);
	else
		sqlite3_str_appendall(q, "NULL AS score FROM cases c");
	sqlite3_str_appendall(q, " WHERE c.status = 'published'),"
	                         " h AS (SELECT rid, score, 0");
	for (int i = 0; i < ws->n; i++)
		sqlite3_str_appendf(q, " + (instr(txt, ?%d) > 0)", i + 2);
	sqlite3_str_appendall(q, " AS hits, 0");
	for (int i = 0; i < ws->n; i++)
		if (yousu_utf8_chars(ws->w[i]) < 3)
			sqlite3_str_appendf(q,
			    " + (length(txt) - length(replace(txt, ?%d, '')))"
			    " / length(?%d)",
			    i + 2, i + 2);
	sqlite3_str_appendf(q,
	    " AS tf FROM p) SELECT " CASE_COLS ", h.hits FROM h"
	    " JOIN cases c ON c.rid = h.rid"
	    " WHERE h.hits > 0 OR h.score IS NOT NULL"
	    " ORDER BY h.hits DESC, coalesce(h.score, 0), h.tf DESC,"
	    " c.rid DESC LIMIT ?%d",
	    ws->n + 2);
	return sqlite3_str_finish(q);
}

static yousu_err
run_search(yousu_store *st, const words *ws, int limit, cJSON **out)
{
	/* sqlite3_str_finish gives NULL for an empty string as well */
	char *sql = search_sql(ws), *match = ws->nlong ? match_expr(ws) : NULL;
	sqlite3_stmt *s = NULL;
	yousu_err rv = YOUSU_NOMEM;

	if (sql != NULL && (match != NULL || ws->nlong == 0)) {
		rv = (s = prepare(st, sql)) ? YOUSU_OK : YOUSU_DB;
	}
	if (rv == YOUSU_OK) {
		if (ws->nlong > 0)
			sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		for (int i = 0; i < ws->n; i++)
			sqlite3_bind_text(
			    s, i + 2, ws->w[i], -1, SQLITE_STATIC);
		sqlite3_bind_int(s, ws->n + 2, limit);
		rv = collect(s, true, out);
	}
	sqlite3_free(sql);
	sqlite3_free(match);
	return rv;
}

yousu_err
yousu_cases_search(yousu_store *st, const char *text, int limit, cJSON **out,
    char *err, size_t errlen)
{
	words ws;
	yousu_err rv;

	if (limit < 1 || limit > YOUSU_CASES_MAX_LIMIT)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "limit %d is not 1..%d", limit, YOUSU_CASES_MAX_LIMIT);
	if (text == NULL || strlen(text) > YOUSU_CASES_MAX_TEXT)
		return yousu_errorf(err, errlen, YOUSU_INVAL,
		    "give the words to search for (at most %d bytes)",
		    YOUSU_CASES_MAX_TEXT);
	if ((rv = split_words(text, &ws)) == YOUSU_LIMIT)
		rv = yousu_errorf(err, errlen, YOUSU_INVAL,
		    "too many words (at most %d)", MAX_WORDS);
	else if (rv != YOUSU_OK)
		rv = yousu_errorf(err, errlen, rv, "out of memory");
	else if (ws.n == 0)
		rv = yousu_errorf(err, errlen, YOUSU_INVAL,
		    "'%s' has no word to search for", text);
	else if ((rv = run_search(st, &ws, limit, out)) != YOUSU_OK)
		yousu_errorf(
		    err, errlen, rv, "store: %s", yousu_store_errmsg(st));
	free(ws.buf);
	return rv;
}

/* --- similar cases ---------------------------------------------------- */

/* Particles and pronouns: a trigram with one says little about the
 * matter (我的社, 丢了想). */
static bool
is_particle(uint32_t cp)
{
	static const char particles[] =
	    "的了吗呢吧啊着我你他她们这那是在和也都就很个";
	uint32_t c;
	size_t n;

	for (const char *p = particles; *p; p += n)
		if ((n = yousu_utf8_next(p, &c)) == 0 || c == cp)
			return n != 0;
	return false;
}

typedef struct {
	sqlite3_str *q;
	char seen[MAX_TRIGRAMS][16];
	int n;
} trigrams;

/* Add the trigram of bytes [start, end) unless known or a particle's. */
static void
add_trigram(
    trigrams *t, const char *start, const char *end, const uint32_t cp[3])
{
	size_t len = (size_t) (end - start);

	if (t->n == MAX_TRIGRAMS || len >= sizeof t->seen[0] ||
	    is_particle(cp[0]) || is_particle(cp[1]) || is_particle(cp[2]))
		return;
	for (int i = 0; i < t->n; i++)
		if (strncmp(t->seen[i], start, len) == 0 &&
		    t->seen[i][len] == '\0')
			return;
	memcpy(t->seen[t->n], start, len);
	t->seen[t->n][len] = '\0';
	sqlite3_str_appendf(
	    t->q, "%s\"%w\"", t->n ? " OR " : "", t->seen[t->n]);
	t->n++;
}

/* The FTS5 query: OR of every trigram of content's words. */
static void
trigram_query(const char *content, trigrams *t)
{
	const char *at[3] = {NULL, NULL, NULL}; /* the last 3 characters */
	uint32_t cp[3] = {0, 0, 0}, c;
	int run = 0; /* word characters in a row */
	size_t n;

	for (const char *p = content; *p; p += n) {
		if ((n = yousu_utf8_next(p, &c)) == 0 || !is_word(c)) {
			n = n ? n : 1;
			run = 0;
			continue;
		}
		at[0] = at[1], at[1] = at[2], at[2] = p;
		cp[0] = cp[1], cp[1] = cp[2], cp[2] = c;
		if (++run >= 3)
			add_trigram(t, at[0], p + n, cp);
	}
}

/* Each case of cases as {"id", "title", "conclusion"}: a new array. */
static cJSON *
brief(const cJSON *cases)
{
	static const char *const keys[] = {"id", "title", "conclusion"};
	cJSON *arr = cJSON_CreateArray(), *b;
	const cJSON *c;

	cJSON_ArrayForEach (c, cases) {
		b = cJSON_CreateObject();
		for (size_t i = 0; i < sizeof keys / sizeof *keys; i++)
			yousu__jset_str(b, keys[i], yousu__jstr(c, keys[i]));
		cJSON_AddItemToArray(arr, b);
	}
	return arr;
}

yousu_err
yousu_cases_similar(
    yousu_store *st, const char *content, int limit, cJSON **out)
{
	trigrams *t = calloc(1, sizeof *t);
	cJSON *all = NULL;
	char *match;
	sqlite3_stmt *s = NULL;
	yousu_err rv = YOUSU_NOMEM;

	if (t == NULL)
		return YOUSU_NOMEM;
	t->q = sqlite3_str_new(NULL);
	trigram_query(content ? content : "", t);
	match = sqlite3_str_finish(t->q); /* NULL when empty */
	if (t->n == 0) {
		*out = cJSON_CreateArray();
		rv = YOUSU_OK;
	} else if (match != NULL) {
		s = prepare(st,
		    "SELECT " CASE_COLS " FROM (SELECT rowid AS"
		    " rid, " BM25 " AS score FROM cases_fts WHERE cases_fts"
		    " MATCH ?1) f JOIN cases c ON c.rid = f.rid"
		    " WHERE c.status = 'published'"
		    " ORDER BY f.score, c.rid DESC LIMIT ?2");
		rv = s ? YOUSU_OK : YOUSU_DB;
	}
	if (s != NULL) {
		sqlite3_bind_text(s, 1, match, -1, SQLITE_STATIC);
		sqlite3_bind_int(s, 2, limit);
		if ((rv = collect(s, false, &all)) == YOUSU_OK)
			*out = brief(all);
		cJSON_Delete(all);
	}
	sqlite3_free(match);
	free(t);
	return rv;
}

/* --- over the link ------------------------------------------------------ */

static const char *
rec_str(const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* A received case must be whole and plain: every text UTF-8 and within
 * bounds, the status one of three, and from a child only its own
 * proposals. */
static yousu_err
check_received(const cJSON *rec, const char *peer, bool from_parent, char *err,
    size_t errlen)
{
	static const char *const texts[] = {"id", "complaint", "title",
	    "category", "summary", "method", "conclusion", "proposer",
	    "reviewer", "review_note"};
	const char *id = rec_str(rec, "id"), *status = rec_str(rec, "status");
	yousu_err rv;

	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		if ((rv = check_text(rec_str(rec, texts[i]), texts[i], texts[i],
		         i < 7 && i != 3, YOUSU_CASES_MAX_TEXT * 4, err,
		         errlen)) != YOUSU_OK)
			return rv;
	if (status == NULL || (strcmp(status, "proposed") != 0 &&
	                          strcmp(status, "published") != 0 &&
	                          strcmp(status, "returned") != 0))
		return yousu_errorf(err, errlen, YOUSU_PROTO,
		    "case from %s: bad status '%s'", peer,
		    status ? status : "(none)");
	if (!from_parent && (strcmp(status, "proposed") != 0 ||
	                        !yousu_id_numbered_by(id, peer)))
		return yousu_errorf(err, errlen, YOUSU_PERM,
		    "case %s from %s: a child centre sends only its own "
		    "proposals",
		    id, peer);
	return YOUSU_OK;
}

static void
bind_rec(sqlite3_stmt *s, int i, const cJSON *rec, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(rec, key);

	if (cJSON_IsString(v))
		sqlite3_bind_text(s, i, v->valuestring, -1, SQLITE_STATIC);
	else if (cJSON_IsNumber(v))
		sqlite3_bind_int64(s, i, (int64_t) v->valuedouble);
	else
		sqlite3_bind_null(s, i);
}

yousu_err
yousu_cases_receive(yousu_store *st, const cJSON *rec, const char *peer,
    bool from_parent, char *err, size_t errlen)
{
	sqlite3_stmt *s;
	yousu_err rv;
	int rc;

	if ((rv = check_received(rec, peer, from_parent, err, errlen)) != 0)
		return rv;
	s = prepare(st,
	    "INSERT INTO cases(id, complaint, title, category, summary, method,"
	    " conclusion, proposer, proposed_at, status, reviewer,"
	    " reviewed_at, review_note)"
	    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
	    " ON CONFLICT(id) DO UPDATE SET title = excluded.title,"
	    " category = excluded.category, summary = excluded.summary,"
	    " method = excluded.method, conclusion = excluded.conclusion,"
	    " status = excluded.status, reviewer = excluded.reviewer,"
	    " reviewed_at = excluded.reviewed_at,"
	    " review_note = excluded.review_note"
	    /* a proposal sent again never undoes the county's review */
	    " WHERE excluded.status <> 'proposed' OR cases.status = "
	    "'proposed'");
	if (s == NULL)
		return yousu_errorf(
		    err, errlen, YOUSU_DB, "store: %s", yousu_store_errmsg(st));
	for (int i = 0; i < NCOLS; i++)
		bind_rec(s, i + 1, rec, col_names[i]);
	rc = sqlite3_step(s);
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE)
		/* a constraint is the record's fault; anything else the
		 * store's, and the message waits for it */
		return yousu_errorf(err, errlen,
		    (rc & 0xff) == SQLITE_CONSTRAINT ? YOUSU_STATE : YOUSU_DB,
		    "case %s from %s: %s", rec_str(rec, "id"), peer,
		    yousu_store_errmsg(st));
	return YOUSU_OK;
}
