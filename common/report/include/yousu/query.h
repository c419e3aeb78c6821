/* yousu — read-side views of the store: the ledger (台账), statistics,
 * the printable work order (工作单), and their file formats. */
#ifndef YOUSU_QUERY_H
#define YOUSU_QUERY_H

#include <stdbool.h>
#include <stdio.h>

#include "yousu/err.h"
#include "yousu/store.h"
#include "yousu/workflow.h"

#include "yousu/columns.h"

/* yousu_ledger_build returns a new object {"title", "columns": [...],
 * "rows": [[...], ...]} for the complaints matching f, with the title and
 * columns of wf's profile ([ledger]; by default “有诉即办”问题工作台账 and
 * the 17 columns of 000 附件3), the remarks column (备注) saying whether
 * and by how many working days each is overdue as of today. with_id adds
 * the complaint id (工单编号) after 序号 (first when there is no 序号)
 * unless the profile shows it already. Owned by the caller. */
yousu_err yousu_ledger_build(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, bool with_id, cJSON **out);

/* yousu_ledger_page is yousu_ledger_build for one page of a ledger
 * written in pages (f->limit rows after f's keyset, see
 * yousu_store_list_page): its rows numbered (序号) from first, the key of
 * its last row in *last_at and *last_rid, its rows' count in *n. With
 * last_at NULL it is yousu_ledger_build's page (limit and offset). */
yousu_err yousu_ledger_page(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, bool with_id, int first, cJSON **out,
    int64_t *last_at, int64_t *last_rid, int *n);

/* yousu_ledger_cell returns the text of one column of kind kind for
 * complaint doc, as of day today (a work-order field, [workorder]);
 * malloc'd, the caller frees it. kind must be a known kind. */
char *yousu_ledger_cell(
    const yousu_wf *wf, const char *kind, const cJSON *doc, int32_t today);

/* yousu_stats_build returns a new object of counts and rates for the
 * complaints matching f (see the README, "stats"). Owned by the caller. */
yousu_err yousu_stats_build(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, cJSON **out);

/* yousu_stats_build_groups is yousu_stats_build and, in *groups (a new
 * object owned by the caller), the same counts and rates for each
 * township, department (lead or co-handler), source and category:
 * {"township": {"HD": {...}}, "department": {...}, ...}. */
yousu_err yousu_stats_build_groups(const yousu_wf *wf, yousu_store *st,
    const yousu_filter *f, int32_t today, cJSON **out, cJSON **groups);

/* The same statistics made a page at a time, so that a long period never
 * holds the daemon's loop: yousu_stats_start copies f (its texts stay
 * the caller's until the job is freed); each yousu_stats_step counts the
 * next rows complaints (all of them when rows is 0), *done once the last
 * is counted; yousu_stats_finish then gives what yousu_stats_build_groups
 * gives (groups NULL: none). A complaint changed between two steps is
 * counted once, as it stood when its page was read. */
typedef struct yousu_stats_job yousu_stats_job;
yousu_stats_job *yousu_stats_start(
    const yousu_wf *wf, const yousu_filter *f, int32_t today, bool groups);
yousu_err yousu_stats_step(
    yousu_stats_job *j, yousu_store *st, int rows, bool *done);
void yousu_stats_finish(yousu_stats_job *j, cJSON **out, cJSON **groups);
void yousu_stats_job_free(yousu_stats_job *j);

/* yousu_stats_by_day: a job over whole local days (from and to at
 * midnight, no filter but the township) adds each day's figures kept in
 * the store (yousu_store_stats_days), counting a day not kept once and
 * keeping it, and counts only the day's open complaints each time; the
 * result is the same counts (its by_* keys may come in another order).
 * True when the job is such a one; call before the first step. */
bool yousu_stats_by_day(yousu_stats_job *j, yousu_store *st);

/* yousu_stats_fill_day keeps day's figures when they are not kept
 * (*counted: it counted them; under today's date, on which the settled
 * ones do not depend). YOUSU_STATE when the store does not keep days at
 * wf's offset, or is inside a transaction. */
yousu_err yousu_stats_fill_day(const yousu_wf *wf, yousu_store *st,
    int32_t today, int32_t day, bool *counted);

/* yousu_stats_label returns the Chinese label of a key of a statistics
 * object (total 诉求件数, on_time_rate_pct 按时办结率%, by_status 按办理状态,
 * ...), or NULL for a key it does not know. Static. */
const char *yousu_stats_label(const char *key);

/* yousu_stats_rates sets on_time_rate_pct, satisfaction_rate_pct and
 * avg_working_days_to_close in o from its counts (answered,
 * answered_on_time, visited, satisfied, closed, close_working_days):
 * percentages and the average rounded half up to two decimals, null
 * when there is nothing to divide by. */
/* yousu_stats_cell: a count or rate as the tables print it: an integer
 * as is, anything else to two decimals, "-" when it is no number. */
cJSON *yousu_stats_cell(const cJSON *v);

void yousu_stats_rates(cJSON *o);

/* yousu_event_summary returns one line of Chinese saying what an event of
 * type, taken at unix time at with data, did: "分办转办：牵头县市场监督管理局；
 * 期限2026-09-30（3个工作日）；存根NO.000001", "督办：期限2026-09-30，已超期
 * 1个工作日（应于2026-10-08）". Free texts are cut at 40 characters with
 * …; departments and categories by their names. A new string (free with
 * free()). */
char *yousu_event_summary(
    const yousu_wf *wf, const char *type, int64_t at, const cJSON *data);

/* yousu_workorder_text returns the printable work order of doc as a new
 * string (free with free()). */
char *yousu_workorder_text(const yousu_wf *wf, const cJSON *doc);

/* yousu_workorder_json: the same work order as data, for a printed page:
 * {title, year_number, number, stub, fields: [{label, value}]} in the
 * profile's order (the engine's own when the profile lists none). */
cJSON *yousu_workorder_json(const yousu_wf *wf, const cJSON *doc);

/* yousu_table_write prints columns/rows (arrays of strings) as an aligned
 * text table, counting CJK characters as two columns wide. */
void yousu_table_write(FILE *f, const cJSON *columns, const cJSON *rows);

/* yousu_csv_write writes columns/rows as CSV (RFC 4180 quoting), UTF-8
 * with a byte-order mark so that Excel opens it correctly; a cell that
 * starts with =, +, -, @, a tab or a carriage return gets a single quote
 * before it (OWASP: CSV injection), so that no spreadsheet runs it. */
yousu_err yousu_csv_write(FILE *f, const cJSON *columns, const cJSON *rows);

/* yousu_csv_write_rows writes more rows of ncol columns (no header), for
 * a ledger written page by page. */
yousu_err yousu_csv_write_rows(FILE *f, int ncol, const cJSON *rows);

/* yousu_xlsx_write writes columns/rows to an XLSX workbook at path with
 * title in the first row. YOUSU_IO if the file cannot be written. */
yousu_err yousu_xlsx_write(const char *path, const char *title,
    const cJSON *columns, const cJSON *rows);

/* The same workbook written page by page, in constant memory (each row
 * goes to a temporary file in tmpdir, NULL: the system's, as it is
 * written): yousu_xlsx_open (NULL if the file cannot be made), then
 * yousu_xlsx_rows for each page, then yousu_xlsx_close, which puts the
 * workbook together (seconds for a million rows; it touches nothing but
 * the workbook, so it may run on another thread) and frees x. */
typedef struct yousu_xlsx yousu_xlsx;
yousu_xlsx *yousu_xlsx_open(const char *path, const char *tmpdir,
    const char *title, const cJSON *columns);
yousu_err yousu_xlsx_rows(yousu_xlsx *x, const cJSON *rows);
yousu_err yousu_xlsx_close(yousu_xlsx *x);

#endif
