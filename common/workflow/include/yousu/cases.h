/* yousu — guidance cases (指导案例, 002 article 11): a closed complaint
 * with its handling method and conclusion, proposed by a centre, reviewed
 * and published by the county, then searchable as a reference for
 * similar complaints. Cases live in the store (tables `cases` and
 * `cases_fts`, an FTS5 trigram index); they carry no personal data of
 * the complainant. */
#ifndef YOUSU_CASES_H
#define YOUSU_CASES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/err.h"
#include "yousu/store.h"

/* Longest free text of a case field (method, conclusion, note), bytes. */
#define YOUSU_CASES_MAX_TEXT 4000
/* Most results a search returns. */
#define YOUSU_CASES_MAX_LIMIT 100

/* What a proposal says. Strings are borrowed from the caller. */
typedef struct yousu_case_proposal {
	const char *complaint;  /* the closed complaint's id */
	const char *title;      /* NULL: the summary's first 30 characters */
	const char *method;     /* 处理方法和步骤; required */
	const char *conclusion; /* 结论意见 / 处理结果; required */
	const char *proposer;   /* who proposes (the actor) */
	const char *centre;     /* this centre's code: the case id's prefix */
	int year;               /* local year of `at`: the case id's year */
	int64_t at;             /* unix seconds */
} yousu_case_proposal;

/* A case as JSON (what propose, review, show, list and search return):
 * {"id": "SQ-案例-2026-001", "complaint", "title", "category", "summary",
 * "method", "conclusion", "proposer", "proposed_at", "status":
 * "proposed" | "published" | "returned", "reviewer", "reviewed_at",
 * "review_note"}; absent members were never set. Times are unix
 * seconds. */

/* yousu_cases_propose makes complaint p->complaint a proposed case with
 * the next id of the year (<centre>-案例-<year>-<NNN>). The complaint is
 * read with yousu_store_load and must be closed (已清零销号); its content
 * becomes the summary with the complainant's name, contacts, phone
 * numbers and address replaced (no personal data is copied). Errors,
 * with a message in err and nothing stored: YOUSU_NOTFOUND (no such
 * complaint), YOUSU_STATE (not closed, or it already has a case that is
 * proposed or published), YOUSU_INVAL (a missing, empty, too long or
 * non-UTF-8 field), YOUSU_DB. Runs in its own transaction (a savepoint
 * inside the caller's). On success *out is the new case, owned by the
 * caller. */
yousu_err yousu_cases_propose(yousu_store *st, const yousu_case_proposal *p,
    cJSON **out, char *err, size_t errlen);

/* yousu_cases_review publishes (publish true) or returns (false) the
 * proposed case case_id, signed by reviewer at time at, with note (NULL
 * allowed when publishing; a return needs one). Errors, with a message
 * in err and nothing changed: YOUSU_NOTFOUND, YOUSU_STATE (the case is
 * not awaiting review), YOUSU_INVAL, YOUSU_DB. On success *out is the
 * reviewed case, owned by the caller. Who may review (the county) is the
 * caller's decision. */
yousu_err yousu_cases_review(yousu_store *st, const char *case_id, bool publish,
    const char *reviewer, const char *note, int64_t at, cJSON **out, char *err,
    size_t errlen);

/* yousu_cases_show returns case case_id as a new object owned by the
 * caller in *out. YOUSU_NOTFOUND (with a message) if there is none. */
yousu_err yousu_cases_show(yousu_store *st, const char *case_id, cJSON **out,
    char *err, size_t errlen);

/* yousu_cases_list returns the cases in status (NULL: all), oldest
 * first, at most limit of them (0: no limit), as a new array owned by
 * the caller in *out. YOUSU_INVAL for an unknown status. */
yousu_err yousu_cases_list(yousu_store *st, const char *status, int limit,
    cJSON **out, char *err, size_t errlen);

/* yousu_cases_search finds published cases whose title, summary, method
 * or conclusion contain any of the words of text (split at spaces and
 * punctuation; at most 16). Words of three characters or more (Unicode
 * code points) are looked up in the trigram index; shorter ones (社保,
 * 户籍) by a scan of the published cases, which the index cannot serve.
 * Results rank by the number of words matched, then bm25 (title weighs
 * most), then how often the short words occur, newest first on ties;
 * each case carries "matched" (words found). At most limit (1..100).
 * YOUSU_INVAL (with a message) for an empty text, too many words or a bad
 * limit. *out is a new array owned by the caller. */
yousu_err yousu_cases_search(yousu_store *st, const char *text, int limit,
    cJSON **out, char *err, size_t errlen);

/* yousu_cases_similar finds the published cases closest to a complaint's
 * content: every three-character substring of its words (without those
 * with particles such as 的, 了; the first 64 of them) is one term of an
 * OR query on the trigram index, ranked by bm25, so that a complaint
 * about 社保卡 finds a case about 社保卡补办. At most limit results, each
 * {"id", "title", "conclusion"}; an empty array when nothing is close. *out is
 * a new array owned by the caller. YOUSU_DB on a store error. */
yousu_err yousu_cases_similar(
    yousu_store *st, const char *content, int limit, cJSON **out);

/* yousu_cases_receive stores a case received over the link from peer:
 * from the parent (from_parent) any state of any case (the county's
 * publications and returns); from a child only its own proposals (an id
 * starting with the child's code). An existing case is updated. Errors,
 * with a message and nothing stored: YOUSU_INVAL (a missing or bad
 * field), YOUSU_PROTO (bad status), YOUSU_PERM (a child sending what is
 * not its proposal), YOUSU_STATE (the complaint has another live case),
 * YOUSU_DB. rec is borrowed. */
yousu_err yousu_cases_receive(yousu_store *st, const cJSON *rec,
    const char *peer, bool from_parent, char *err, size_t errlen);

#endif
