/* yousuctl's output for staff accounts and the audit log. */
#include <stdio.h>
#include <string.h>

#include "ctl.h"
#include "yousu/commands.h"
#include "yousu/query.h"

static const char *
str(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

/* The codes of list v joined by sep, or dflt when there is none. */
static const char *
joined(const cJSON *v, const char *dflt, char *buf, size_t len)
{
	const cJSON *it;
	size_t off = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach (it, v)
		if (cJSON_IsString(it) && off < len)
			off += (size_t) snprintf(buf + off, len - off, "%s%s",
			    off ? "," : "", it->valuestring);
	return buf[0] ? buf : dflt;
}

/* 窗口,督办 for the role codes of list v. */
static const char *
role_names(const cJSON *v, char *buf, size_t len)
{
	const cJSON *it;
	size_t off = 0;

	buf[0] = '\0';
	cJSON_ArrayForEach (it, v)
		for (unsigned bit = 1; yousu_command_role_code(bit); bit <<= 1)
			if (cJSON_IsString(it) &&
			    strcmp(it->valuestring,
			        yousu_command_role_code(bit)) == 0 &&
			    off < len)
				off += (size_t) snprintf(buf + off, len - off,
				    "%s%s", off ? "," : "",
				    yousu_command_role_name(bit));
	return buf;
}

static const char *
state_name(const char *s)
{
	return strcmp(s, "active") == 0     ? "正常"
	       : strcmp(s, "locked") == 0   ? "已锁定"
	       : strcmp(s, "disabled") == 0 ? "已停用"
	                                    : s;
}

static cJSON *
user_row(const cJSON *u)
{
	cJSON *row = cJSON_CreateArray();
	char a[256], b[256], c[256];

	cJSON_AddItemToArray(row, cJSON_CreateString(str(u, "login")));
	cJSON_AddItemToArray(row, cJSON_CreateString(str(u, "name")));
	cJSON_AddItemToArray(
	    row, cJSON_CreateString(
	             role_names(cJSON_GetObjectItem(u, "roles"), a, sizeof a)));
	cJSON_AddItemToArray(row,
	    cJSON_CreateString(
	        joined(cJSON_GetObjectItem(u, "depts"), "全部", b, sizeof b)));
	cJSON_AddItemToArray(
	    row, cJSON_CreateString(joined(
	             cJSON_GetObjectItem(u, "centres"), "全部", c, sizeof c)));
	cJSON_AddItemToArray(
	    row, cJSON_CreateString(state_name(str(u, "state"))));
	cJSON_AddItemToArray(row,
	    cJSON_CreateString(
	        cJSON_IsTrue(cJSON_GetObjectItem(u, "must_change")) ? "是"
	                                                            : "否"));
	return row;
}

static void
users_table(const cJSON *users)
{
	static const char *const names[] = {"登录名", "姓名", "角色",
	    "部门范围", "乡镇范围", "状态", "须改密码"};
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray();
	const cJSON *u;

	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	if (cJSON_IsArray(users))
		cJSON_ArrayForEach (u, users)
			cJSON_AddItemToArray(rows, user_row(u));
	else
		cJSON_AddItemToArray(rows, user_row(users));
	yousu_table_write(stdout, cols, rows);
	cJSON_Delete(cols);
	cJSON_Delete(rows);
}

int
ctl_print_user(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	(void) cmd, (void) l;
	users_table(r);
	if (str(r, "temporary_password")[0] != '\0')
		printf("\n临时密码（只显示这一次，首次登录须修改）：%s\n",
		    str(r, "temporary_password"));
	return 0;
}

int
ctl_print_audit(const ctl_cmd *cmd, const cJSON *r, const ctl_local *l)
{
	static const char *const names[] = {
	    "时间", "事件", "账号", "来源", "说明"};
	static const char *const keys[] = {
	    "time", "what", "login", "addr", "detail"};
	cJSON *cols = cJSON_CreateArray(), *rows = cJSON_CreateArray();
	const cJSON *it;

	(void) cmd, (void) l;
	for (size_t i = 0; i < 5; i++)
		cJSON_AddItemToArray(cols, cJSON_CreateString(names[i]));
	cJSON_ArrayForEach (it, r) {
		cJSON *row = cJSON_CreateArray();

		for (size_t i = 0; i < 5; i++)
			cJSON_AddItemToArray(
			    row, cJSON_CreateString(str(it, keys[i])));
		cJSON_AddItemToArray(rows, row);
	}
	yousu_table_write(stdout, cols, rows);
	cJSON_Delete(cols);
	cJSON_Delete(rows);
	return 0;
}
