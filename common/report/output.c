/* Text table, CSV, XLSX and the printable work order. */
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "yousu/complaint.h"
#include "yousu/json.h"
#include "yousu/query.h"
#include "yousu/utf8.h"

#define TABLE_MAX_COLS 64
#define CELL_MAX_WIDTH 40

/* The character at s (a byte of a broken sequence as '?', one byte). */
static int
next_char(const unsigned char *s, unsigned *cp)
{
	uint32_t c;
	size_t n = yousu_utf8_next((const char *) s, &c);

	*cp = n ? c : '?';
	return n ? (int) n : 1;
}

/* Print s padded to width columns; one too wide for them is cut and
 * ends in "…" (one column). */
static void
print_cell(FILE *f, const char *s, int width)
{
	const unsigned char *p = (const unsigned char *) s;
	bool cut = yousu_text_width(s) > width;
	int used = 0, n, w, room = cut ? width - 1 : width;
	unsigned cp;

	while (*p) {
		n = next_char(p, &cp);
		w = yousu_char_width(cp);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			cp = ' ', n = 1, w = 1;
		if (used + w > room)
			break;
		if (*p == '\n' || *p == '\r' || *p == '\t')
			fputc(' ', f);
		else
			fwrite(p, 1, (size_t) n, f);
		used += w;
		p += n;
	}
	if (cut) {
		fputs("…", f);
		used++;
	}
	fprintf(f, "%*s", width - used, "");
}

static const char *
cell(const cJSON *row, int i)
{
	const cJSON *c = cJSON_GetArrayItem(row, i);

	return cJSON_IsString(c) ? c->valuestring : "";
}

void
yousu_table_write(FILE *f, const cJSON *columns, const cJSON *rows)
{
	int ncol = cJSON_GetArraySize(columns), width[TABLE_MAX_COLS];
	const cJSON *row;

	if (ncol > TABLE_MAX_COLS)
		ncol = TABLE_MAX_COLS;
	for (int i = 0; i < ncol; i++)
		width[i] = yousu_text_width(cell(columns, i));
	cJSON_ArrayForEach (row, rows) {
		for (int i = 0; i < ncol; i++) {
			int w = yousu_text_width(cell(row, i));

			if (w > width[i])
				width[i] =
				    w > CELL_MAX_WIDTH ? CELL_MAX_WIDTH : w;
		}
	}
	for (int i = 0; i < ncol; i++) {
		print_cell(f, cell(columns, i), width[i]);
		fputs(i + 1 < ncol ? "  " : "\n", f);
	}
	cJSON_ArrayForEach (row, rows) {
		for (int i = 0; i < ncol; i++) {
			print_cell(f, cell(row, i), width[i]);
			fputs(i + 1 < ncol ? "  " : "\n", f);
		}
	}
}

/* One cell. A cell that a spreadsheet would take for a formula (it
 * starts with =, +, -, @, a tab or a carriage return: "=HYPERLINK(...)"
 * typed at a window) is neutralised as OWASP's CSV-injection guidance
 * says: a single quote before it, and the whole cell quoted. */
static void
csv_field(FILE *f, const char *s)
{
	bool formula = s[0] != '\0' && strchr("=+-@\t\r", s[0]) != NULL;

	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula)
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void
csv_line(FILE *f, const cJSON *row, int ncol)
{
	for (int i = 0; i < ncol; i++) {
		csv_field(f, cell(row, i));
		fputs(i + 1 < ncol ? "," : "\r\n", f);
	}
}

yousu_err
yousu_csv_write(FILE *f, const cJSON *columns, const cJSON *rows)
{
	int ncol = cJSON_GetArraySize(columns);

	fputs("\xEF\xBB\xBF", f);
	csv_line(f, columns, ncol);
	return yousu_csv_write_rows(f, ncol, rows);
}

yousu_err
yousu_csv_write_rows(FILE *f, int ncol, const cJSON *rows)
{
	const cJSON *row;

	cJSON_ArrayForEach (row, rows)
		csv_line(f, row, ncol);
	return ferror(f) ? YOUSU_IO : YOUSU_OK;
}

struct yousu_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *wrap;
	int ncol;
	lxw_row_t next; /* the next row to write */
	bool failed;
};

yousu_xlsx *
yousu_xlsx_open(const char *path, const char *tmpdir, const char *title,
    const cJSON *columns)
{
	lxw_workbook_options opt = {
	    .constant_memory = LXW_TRUE, .tmpdir = (char *) tmpdir};
	yousu_xlsx *x = calloc(1, sizeof *x);
	lxw_format *head;

	if (x == NULL || (x->wb = workbook_new_opt(path, &opt)) == NULL) {
		free(x);
		return NULL;
	}
	x->ncol = cJSON_GetArraySize(columns);
	x->ws = workbook_add_worksheet(x->wb, "台账");
	head = workbook_add_format(x->wb);
	format_set_bold(head);
	format_set_text_wrap(head);
	format_set_border(head, LXW_BORDER_THIN);
	x->wrap = workbook_add_format(x->wb);
	format_set_text_wrap(x->wrap);
	format_set_border(x->wrap, LXW_BORDER_THIN);
	for (int i = 0; i < x->ncol; i++)
		worksheet_set_column(
		    x->ws, (lxw_col_t) i, (lxw_col_t) i, i == 0 ? 6 : 16, NULL);
	if (x->ncol > 1)
		worksheet_merge_range(
		    x->ws, 0, 0, 0, (lxw_col_t) (x->ncol - 1), title, head);
	else /* a range of one cell is refused */
		worksheet_write_string(x->ws, 0, 0, title, head);
	for (int i = 0; i < x->ncol; i++)
		worksheet_write_string(
		    x->ws, 1, (lxw_col_t) i, cell(columns, i), head);
	worksheet_freeze_panes(x->ws, 2, 0);
	x->next = 2;
	return x;
}

yousu_err
yousu_xlsx_rows(yousu_xlsx *x, const cJSON *rows)
{
	const cJSON *row;

	cJSON_ArrayForEach (row, rows) {
		for (int i = 0; i < x->ncol; i++)
			if (worksheet_write_string(x->ws, x->next,
			        (lxw_col_t) i, cell(row, i),
			        x->wrap) != LXW_NO_ERROR)
				x->failed = true;
		x->next++;
	}
	return x->failed ? YOUSU_IO : YOUSU_OK;
}

yousu_err
yousu_xlsx_close(yousu_xlsx *x)
{
	bool ok = workbook_close(x->wb) == LXW_NO_ERROR && !x->failed;

	free(x);
	return ok ? YOUSU_OK : YOUSU_IO;
}

yousu_err
yousu_xlsx_write(const char *path, const char *title, const cJSON *columns,
    const cJSON *rows)
{
	yousu_xlsx *x = yousu_xlsx_open(path, NULL, title, columns);

	if (x == NULL)
		return YOUSU_IO;
	yousu_xlsx_rows(x, rows);
	return yousu_xlsx_close(x);
}

/* --- the work order (工作单), 000 附件2 ---------------------------------- */

static const char *
s_or_empty(const cJSON *doc, const char *key)
{
	const char *s = yousu__jstr(doc, key);

	return s ? s : "";
}

/* The complaint's number as the forms print it: with the centre's code,
 * or bare (the date and the day's sequence) when the profile says so. */
static const char *
form_number(const yousu_wf *wf, const cJSON *doc)
{
	const char *id = s_or_empty(doc, "id"), *dash = strchr(id, '-');

	return yousu_policy_form_bare_number(yousu_wf_policy(wf)) && dash
	           ? dash + 1
	           : id;
}

/* The profile's own form ([workorder] field = KIND | 标签): its title, the
 * number line, then one "标签：value" line per field. */
static void
profile_form(FILE *f, const yousu_wf *wf, const cJSON *doc)
{
	int32_t today =
	    yousu_local_day(yousu_wf_now(wf), yousu_wf_utc_offset(wf));
	const char *kind, *label;
	char *v;

	fprintf(f, "%s\n", yousu_policy_title(yousu_wf_policy(wf)));
	fprintf(f, "%lld年第%lld号    编号：%s",
	    (long long) yousu__jint(doc, "year", 0),
	    (long long) yousu__jint(doc, "serial", 0), form_number(wf, doc));
	if (yousu__jstr(doc, "stub") != NULL)
		fprintf(f, "    存根 NO.%s", yousu__jstr(doc, "stub"));
	fputc('\n', f);
	for (size_t i = 0;
	     (kind = yousu_policy_form_field(yousu_wf_policy(wf), i, &label));
	     i++) {
		v = yousu_ledger_cell(wf, kind, doc, today);
		fprintf(f, "%s：%s\n", label, v);
		free(v);
	}
}

/* --- what is written on the complaint after its form ---------------- */

static void form_field(cJSON *fields, const char *label, const char *value);

/* The documents that go with the work order once written: the
 * 问题处理说明 (003 三(三)) and the leading group's decision. Each
 * {"title", "kind", "fields": [{label, value}]}. */
static cJSON *
attachments_json(const yousu_wf *wf, const cJSON *doc)
{
	cJSON *all = cJSON_CreateArray();
	const cJSON *x = cJSON_GetObjectItem(doc, "explanation");

	if (cJSON_IsObject(x)) {
		cJSON *o = cJSON_CreateObject(), *fs = cJSON_CreateArray();
		char t[32];

		yousu_format_time(yousu__jint(x, "at", 0),
		    yousu_wf_utc_offset(wf), t, sizeof t);
		yousu__jset_str(o, "title", "问题处理说明");
		yousu__jset_str(o, "kind", "explanation");
		form_field(fs, "说明部门",
		    yousu_depts_label(
		        yousu_wf_depts(wf), yousu__jstr(x, "dept")));
		form_field(fs, "问题情况", yousu__jstr(x, "problem"));
		form_field(
		    fs, "沟通请示及会商情况", yousu__jstr(x, "consulted"));
		form_field(fs, "拟处理意见", yousu__jstr(x, "proposal"));
		form_field(fs, "形成时间", t);
		form_field(fs, "填写人", yousu__jstr(x, "actor"));
		yousu__jset(o, "fields", fs);
		cJSON_AddItemToArray(all, o);
	}
	x = cJSON_GetObjectItem(doc, "decision");
	if (cJSON_IsObject(x)) {
		cJSON *o = cJSON_CreateObject(), *fs = cJSON_CreateArray();
		const yousu_depts *d = yousu_wf_depts(wf);
		const cJSON *v;
		char t[32], co[1024] = "";
		size_t off = 0;

		cJSON_ArrayForEach (v, cJSON_GetObjectItem(x, "co"))
			if (cJSON_IsString(v) && off < sizeof co)
				off += (size_t) snprintf(co + off,
				    sizeof co - off, "%s%s", off ? "、" : "",
				    yousu_depts_label(d, v->valuestring));
		yousu_format_time(yousu__jint(x, "at", 0),
		    yousu_wf_utc_offset(wf), t, sizeof t);
		yousu__jset_str(o, "title", "领导小组研究决定");
		yousu__jset_str(o, "kind", "decision");
		form_field(fs, "领导小组", yousu__jstr(x, "group"));
		form_field(fs, "会议日期", yousu__jstr(x, "met_on"));
		form_field(
		    fs, "参会单位和人员", yousu__jstr(x, "participants"));
		form_field(fs, "研究决定", yousu__jstr(x, "decision"));
		form_field(fs, "责成牵头部门",
		    yousu_depts_label(d, yousu__jstr(x, "lead")));
		form_field(fs, "责成协办单位", co);
		form_field(fs, "办结期限", yousu__jstr(x, "due"));
		form_field(fs, "记录时间", t);
		form_field(fs, "记录人", yousu__jstr(x, "actor"));
		yousu__jset(o, "fields", fs);
		cJSON_AddItemToArray(all, o);
	}
	return all;
}

static void
attachments_text(FILE *f, const yousu_wf *wf, const cJSON *doc)
{
	cJSON *all = attachments_json(wf, doc), *a, *v;

	cJSON_ArrayForEach (a, all) {
		fprintf(f, "\n%s\n", yousu__jstr(a, "title"));
		cJSON_ArrayForEach (v, cJSON_GetObjectItem(a, "fields"))
			fprintf(f, "%s：%s\n", yousu__jstr(v, "label"),
			    yousu__jstr(v, "value"));
	}
	cJSON_Delete(all);
}

char *
yousu_workorder_text(const yousu_wf *wf, const cJSON *doc)
{
	char *buf = NULL, *due, received[32], lead[512] = "";
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	const cJSON *co = cJSON_GetObjectItem(doc, "co"), *v;
	const char *cat = yousu__jstr(doc, "category");
	size_t off = 0;

	if (f == NULL)
		return NULL;
	if (yousu_policy_form_fields(yousu_wf_policy(wf)) > 0) {
		profile_form(f, wf, doc);
		attachments_text(f, wf, doc);
		fclose(f);
		return buf;
	}
	yousu_format_time(yousu__jint(doc, "received_at", 0),
	    yousu_wf_utc_offset(wf), received, sizeof received);
	if (yousu__jstr(doc, "lead"))
		off = (size_t) snprintf(lead, sizeof lead, "%s（牵头）",
		    yousu_depts_label(
		        yousu_wf_depts(wf), yousu__jstr(doc, "lead")));
	cJSON_ArrayForEach (v, co) {
		if (off < sizeof lead)
			off += (size_t) snprintf(lead + off, sizeof lead - off,
			    "、%s",
			    yousu_depts_label(
			        yousu_wf_depts(wf), v->valuestring));
	}
	fprintf(f, "%s\n", yousu_policy_title(yousu_wf_policy(wf)));
	fprintf(f, "%lld年第%lld号    编号：%s    交办单存根 NO.%s\n",
	    (long long) yousu__jint(doc, "year", 0),
	    (long long) yousu__jint(doc, "serial", 0), form_number(wf, doc),
	    s_or_empty(doc, "stub"));
	fprintf(f, "姓名或单位名称：%s\n",
	    yousu__jbool(doc, "anonymous", false) ? "匿名"
	                                          : s_or_empty(doc, "name"));
	fprintf(f, "单位联系人：%s    联系电话：%s\n",
	    s_or_empty(doc, "org_contact"), s_or_empty(doc, "phone"));
	fprintf(f, "诉求反映时间：%s    诉求来源：%s\n", received,
	    yousu_label("source", s_or_empty(doc, "source")));
	fprintf(f, "诉求反映类别：%s\n",
	    cat ? yousu_policy_category(yousu_wf_policy(wf), cat)
	        : "（未分类）");
	fprintf(f, "联系地址：%s\n", s_or_empty(doc, "address"));
	fprintf(f, "诉求主要内容：%s\n", s_or_empty(doc, "content"));
	fprintf(f, "政务服务责任部门及牵头部门：%s\n", lead);
	/* "2027-01-06（5个工作日，暂定）" */
	due = yousu_ledger_cell(wf, "due", doc, 0);
	fprintf(f, "完成时限：%s\n", due);
	free(due);
	fprintf(f, "工作单联系人：%s    联系电话：%s\n",
	    s_or_empty(doc, "order_contact"), s_or_empty(doc, "order_phone"));
	fprintf(f, "受理人员：%s    带班领导：%s\n", s_or_empty(doc, "staff"),
	    s_or_empty(doc, "duty_leader"));
	fprintf(
	    f, "备注：%s\n", yousu_label("status", s_or_empty(doc, "status")));
	attachments_text(f, wf, doc);
	fclose(f);
	return buf;
}

/* --- the work order as data (the desk's print view) ------------------ */

static void
form_field(cJSON *fields, const char *label, const char *value)
{
	cJSON *o = cJSON_CreateObject();

	yousu__jset_str(o, "label", label);
	yousu__jset_str(o, "value", value ? value : "");
	cJSON_AddItemToArray(fields, o);
}

cJSON *
yousu_workorder_json(const yousu_wf *wf, const cJSON *doc)
{
	static const char *const defaults[][2] = {{"name", "姓名或单位名称"},
	    {"org_contact", "单位联系人"}, {"phone", "联系电话"},
	    {"received", "诉求反映时间"}, {"source", "诉求来源"},
	    {"category", "诉求反映类别"}, {"address", "联系地址"},
	    {"content", "诉求主要内容"},
	    {"depts", "政务服务责任部门及牵头部门"}, {"due", "完成时限"},
	    {"order_contact", "工作单联系人"}, {"order_phone", "联系电话"},
	    {"staff", "受理人员"}, {"duty_leader", "带班领导"},
	    {"remarks", "备注"}};
	const yousu_policy *p = yousu_wf_policy(wf);
	int32_t today =
	    yousu_local_day(yousu_wf_now(wf), yousu_wf_utc_offset(wf));
	cJSON *o = cJSON_CreateObject(), *fields = cJSON_CreateArray();
	const char *kind, *label;
	char number[96];

	yousu__jset_str(o, "title", yousu_policy_title(p));
	snprintf(number, sizeof number, "%lld年第%lld号",
	    (long long) yousu__jint(doc, "year", 0),
	    (long long) yousu__jint(doc, "serial", 0));
	yousu__jset_str(o, "year_number", number);
	yousu__jset_str(o, "number", form_number(wf, doc));
	yousu__jset_str(o, "stub", yousu__jstr(doc, "stub"));
	for (size_t i = 0; yousu_policy_form_fields(p) > 0 &&
	                   (kind = yousu_policy_form_field(p, i, &label));
	     i++) {
		char *v = yousu_ledger_cell(wf, kind, doc, today);

		form_field(fields, label, v);
		free(v);
	}
	for (size_t i = 0; yousu_policy_form_fields(p) == 0 &&
	                   i < sizeof defaults / sizeof *defaults;
	     i++) {
		char *v = yousu_ledger_cell(wf, defaults[i][0], doc, today);

		form_field(fields, defaults[i][1], v);
		free(v);
	}
	yousu__jset(o, "fields", fields);
	yousu__jset(o, "attachments", attachments_json(wf, doc));
	return o;
}
