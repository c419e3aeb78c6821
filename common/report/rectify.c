/* 整改情况报告 (000 一(二)): built from the log, archived with its hash. */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/rectify.h"
#include "yousu/store_ext.h"

static const char *const columns[] = {"工单编号", "受理时间", "反映问题",
    "问题类别", "责任单位", "整改（办理）情况", "是否整改到位", "超期情况",
    "通报", "过错责任及处理意见"};
#define NCOLS (sizeof columns / sizeof *columns)

typedef struct {
	const yousu_wf *wf;
	int32_t today;
	cJSON *rows;
	int64_t problems, rectified, progress, not_done, overdue, notices,
	    faults;
} scan;

static void
add_cell(cJSON *row, const char *s)
{
	cJSON_AddItemToArray(row, cJSON_CreateString(s ? s : ""));
}

/* A ledger column's text for doc into row. */
static void
add_kind(scan *s, cJSON *row, const char *kind, const cJSON *doc)
{
	char *v = yousu_ledger_cell(s->wf, kind, doc, s->today);

	add_cell(row, v);
	free(v);
}

/* 已整改到位: closed; 整改中: answered, being checked or visited;
 * 未整改: still with the departments or not yet assigned; a refusal is
 * none of them */
static const char *
state(scan *s, const cJSON *doc)
{
	const char *st = yousu__jstr(doc, "status");

	if (strcmp(st, "rejected") == 0)
		return "不予受理（已告知反映渠道）";
	if (strcmp(st, "closed") == 0) {
		s->rectified++;
		return "已整改到位";
	}
	if (strcmp(st, "replied") == 0 || strcmp(st, "checked") == 0 ||
	    strcmp(st, "visited") == 0) {
		s->progress++;
		return "整改中（已答复，待质检回访）";
	}
	s->not_done++;
	return "未整改到位";
}

static yousu_err
row_of(void *arg, const cJSON *doc)
{
	scan *s = arg;
	cJSON *row = cJSON_CreateArray();
	char buf[1024];
	bool prov;
	int late = yousu_wf_overdue_days(s->wf, doc, s->today, &prov);
	const char *lead = yousu__jstr(doc, "lead");

	s->problems++;
	add_cell(row, yousu__jstr(doc, "id"));
	add_kind(s, row, "received", doc);
	add_cell(row, yousu__jstr(doc, "content"));
	add_kind(s, row, "category", doc);
	add_cell(
	    row, lead ? yousu_depts_label(yousu_wf_depts(s->wf), lead) : "");
	add_kind(s, row, "result", doc);
	add_cell(row, state(s, doc));
	if (late > 0) {
		s->overdue++;
		snprintf(buf, sizeof buf, "%s超期%d个工作日%s",
		    strcmp(yousu__jstr(doc, "status"), "assigned") == 0
		        ? "整改逾期："
		        : "",
		    late, prov ? "（暂定）" : "");
	} else
		snprintf(buf, sizeof buf, "%s",
		    yousu__jstr(doc, "due") ? "未超期" : "");
	add_cell(row, buf);
	if (yousu__jint(doc, "notices", 0) > 0) {
		s->notices += yousu__jint(doc, "notices", 0);
		snprintf(buf, sizeof buf, "通报%lld次",
		    (long long) yousu__jint(doc, "notices", 0));
	} else
		buf[0] = '\0';
	add_cell(row, buf);
	if (yousu__jstr(doc, "fault") != NULL) {
		s->faults++;
		snprintf(buf, sizeof buf, "%s；处理意见：%s",
		    yousu__jstr(doc, "fault"),
		    yousu__jstr(doc, "fault_opinion")
		        ? yousu__jstr(doc, "fault_opinion")
		        : "");
	} else
		buf[0] = '\0';
	add_cell(row, buf);
	cJSON_AddItemToArray(s->rows, row);
	return YOUSU_OK;
}

/* The hex SHA-256 of the report's period, columns and rows, as JSON. */
static void
digest(const cJSON *report, char hex[65])
{
	cJSON *c = cJSON_CreateObject();
	unsigned char h[crypto_hash_sha256_BYTES];
	char *text;

	yousu__jset_str(c, "from", yousu__jstr(report, "from"));
	yousu__jset_str(c, "to", yousu__jstr(report, "to"));
	yousu__jset(c, "columns",
	    cJSON_Duplicate(cJSON_GetObjectItem(report, "columns"), 1));
	yousu__jset(
	    c, "rows", cJSON_Duplicate(cJSON_GetObjectItem(report, "rows"), 1));
	text = cJSON_PrintUnformatted(c);
	crypto_hash_sha256(h, (const unsigned char *) text, strlen(text));
	sodium_bin2hex(hex, 65, h, sizeof h);
	free(text);
	cJSON_Delete(c);
}

yousu_err
yousu_rectify_build(const yousu_wf *wf, yousu_store *st, const char *centre,
    yousu_date from, yousu_date to, int32_t today, cJSON **out)
{
	int off = yousu_wf_utc_offset(wf);
	yousu_filter f = {.origin = centre,
	    .from = (int64_t) from * 86400 - (int64_t) off * 60,
	    .to = ((int64_t) to + 1) * 86400 - (int64_t) off * 60};
	scan s = {.wf = wf, .today = today, .rows = cJSON_CreateArray()};
	cJSON *r, *cols = cJSON_CreateArray(), *sum;
	char d[11], hex[65];
	yousu_err rv;

	if ((rv = yousu_store_list(st, &f, row_of, &s)) != YOUSU_OK) {
		cJSON_Delete(s.rows);
		cJSON_Delete(cols);
		return rv;
	}
	for (size_t i = 0; i < NCOLS; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(columns[i]));
	r = cJSON_CreateObject();
	yousu__jset_str(r, "title", "整改情况报告");
	yousu_date_format(from, d);
	yousu__jset_str(r, "from", d);
	yousu_date_format(to, d);
	yousu__jset_str(r, "to", d);
	yousu__jset(r, "columns", cols);
	yousu__jset(r, "rows", s.rows);
	sum = cJSON_CreateObject();
	yousu__jset_int(sum, "problems", s.problems);
	yousu__jset_int(sum, "rectified", s.rectified);
	yousu__jset_int(sum, "in_progress", s.progress);
	yousu__jset_int(sum, "not_rectified", s.not_done);
	yousu__jset_int(sum, "overdue", s.overdue);
	yousu__jset_int(sum, "notices", s.notices);
	yousu__jset_int(sum, "faults", s.faults);
	yousu__jset(r, "summary", sum);
	digest(r, hex);
	yousu__jset_str(r, "sha256", hex);
	*out = r;
	return YOUSU_OK;
}

yousu_err
yousu_rectify_archive(yousu_store *st, const char *centre, const cJSON *report,
    const char *actor, int64_t now, char *id, size_t idlen)
{
	cJSON *doc = cJSON_Duplicate(report, 1);
	char name[32], *text;
	sqlite3_stmt *s = NULL;
	int64_t n;
	int rc = SQLITE_ERROR;

	snprintf(name, sizeof name, "rectify-%.4s", yousu__jstr(report, "to"));
	if (yousu_store_next_serial(st, name, &n) != YOUSU_OK) {
		cJSON_Delete(doc);
		return YOUSU_DB;
	}
	snprintf(id, idlen, "%s-整改-%.4s-%03lld", centre,
	    yousu__jstr(report, "to"), (long long) n);
	yousu__jset_str(doc, "id", id);
	yousu__jset_str(doc, "actor", actor);
	yousu__jset_int(doc, "archived_at", now);
	text = yousu__json_print(doc);
	if (text != NULL &&
	    sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "INSERT INTO rectify_reports(id, created_at, sha256, doc) "
	        "VALUES (?1, ?2, ?3, ?4)",
	        -1, &s, NULL) == SQLITE_OK) {
		sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 2, now);
		sqlite3_bind_text(
		    s, 3, yousu__jstr(report, "sha256"), -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, text, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
	}
	sqlite3_finalize(s);
	free(text);
	cJSON_Delete(doc);
	return rc == SQLITE_DONE ? YOUSU_OK : YOUSU_DB;
}

yousu_err
yousu_rectify_get(yousu_store *st, const char *id, cJSON **out)
{
	sqlite3_stmt *s = NULL;
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT doc FROM rectify_reports WHERE id = ?1", -1, &s,
	        NULL) != SQLITE_OK)
		return YOUSU_DB;
	sqlite3_bind_text(s, 1, id, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*out = cJSON_Parse((const char *) sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	if (rc == SQLITE_ROW)
		return *out ? YOUSU_OK : YOUSU_STATE;
	return rc == SQLITE_DONE ? YOUSU_NOTFOUND : YOUSU_DB;
}

yousu_err
yousu_rectify_list(yousu_store *st, cJSON **out)
{
	sqlite3_stmt *s = NULL;
	cJSON *a = cJSON_CreateArray();
	int rc;

	if (sqlite3_prepare_v2(yousu_store_sqlite(st),
	        "SELECT doc FROM rectify_reports ORDER BY created_at DESC, id "
	        "DESC",
	        -1, &s, NULL) != SQLITE_OK) {
		cJSON_Delete(a);
		return YOUSU_DB;
	}
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		cJSON *d =
		    cJSON_Parse((const char *) sqlite3_column_text(s, 0));

		if (d == NULL)
			continue;
		cJSON_DeleteItemFromObject(d, "rows");
		cJSON_DeleteItemFromObject(d, "columns");
		cJSON_AddItemToArray(a, d);
	}
	sqlite3_finalize(s);
	if (rc != SQLITE_DONE) {
		cJSON_Delete(a);
		return YOUSU_DB;
	}
	*out = a;
	return YOUSU_OK;
}
