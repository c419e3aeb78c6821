/* yousu — the kinds of a ledger's columns and a work order's fields,
 * each once: its name in a profile ([ledger] column = KIND, [workorder]
 * field = KIND), its default header, and how the ledger makes its cell
 * (the cell function of query.c, with the document member it reads and
 * its count or unit). The profile (model) and the ledger (report) both
 * expand this one list. */
#ifndef YOUSU_COLUMNS_H
#define YOUSU_COLUMNS_H

#include <stddef.h>

/* The most columns a profile's ledger may list ([ledger] column). */
#define YOUSU_LEDGER_MAX_COLUMNS 40

/* clang-format off */
#define YOUSU_COLUMNS(X) \
	X(seq, "序号", cell_seq, NULL, NULL) \
	X(id, "工单编号", cell_field, "id", NULL) \
	X(name, "姓名或单位名称", cell_name, NULL, NULL) \
	X(org_contact, "单位联系人", cell_field, "org_contact", NULL) \
	X(phone, "联系方式", cell_field, "phone", NULL) \
	X(caller, "反映人及电话", cell_caller, NULL, NULL) \
	X(received, "受理时间", cell_time, "received_at", NULL) \
	X(content, "主要诉求", cell_field, "content", NULL) \
	X(source, "诉求来源", cell_label, "source", NULL) \
	X(category, "诉求类别", cell_category, NULL, NULL) \
	X(class, "类别", cell_field, "class", NULL) \
	X(nature, "诉求性质", cell_label, "nature", NULL) \
	X(level, "响应等级", cell_level, NULL, NULL) \
	X(centre, "受理中心", cell_field, "origin", NULL) \
	X(depts, "政务服务责任部门及牵头部门", cell_depts, NULL, NULL) \
	X(assigned, "分办转办时间", cell_time, "assigned_at", NULL) \
	X(due, "要求办理期限", cell_due, NULL, NULL) \
	X(reminded, "是否催办及时间", cell_yes_time, "reminded_at", "reminders") \
	X(supervised, "是否督办及时间", cell_yes_time, "supervised_at", "supervisions") \
	X(redo, "是否退回重办及时间", cell_yes_time, "redo_at", "redos") \
	X(handled, "实际办结时间", cell_time, "handled_at", NULL) \
	X(result, "办理情况", cell_result, NULL, NULL) \
	X(outcome, "办理结果（是否办结、满意）", cell_outcome, NULL, NULL) \
	X(visit, "回访时间", cell_time, "visit_at", NULL) \
	X(satisfaction, "办理结果满意度", cell_label, "satisfaction", NULL) \
	X(visit_satisfaction, "回访情况及满意度", cell_visit, NULL, NULL) \
	X(remarks, "备注", cell_remarks, NULL, NULL) \
	X(stub, "交办单存根号", cell_field, "stub", NULL) \
	X(address, "联系地址", cell_field, "address", NULL) \
	X(staff, "受理人员", cell_field, "staff", NULL) \
	X(duty_leader, "带班领导", cell_field, "duty_leader", NULL) \
	X(order_contact, "工作单联系人", cell_field, "order_contact", NULL) \
	X(order_phone, "工作单联系电话", cell_field, "order_phone", NULL) \
	X(hotline_no, "12345事项编号", cell_field, "hotline_no", NULL) \
	X(contact_within, "联系来电人时限", cell_number, "contact_within_hours", "小时") \
	X(limit, "办理时限", cell_number, "limit_days", "个工作日") \
	X(lead, "主办单位", cell_dept, "lead", NULL) \
	X(co, "协办单位", cell_dept, "co", NULL) \
	X(feedback, "初步反馈意见", cell_feedback, NULL, NULL) \
	X(signature, "签字", cell_blank, NULL, NULL) \
	X(signed_handled, "办结签字", cell_signed, "reply", "resolve") \
	X(signed_duty, "带班领导签字", cell_signed_duty, NULL, NULL)
/* clang-format on */

/* yousu_column_label returns the default header of column kind kind
 * (seq 序号, caller 反映人及电话, ...), or NULL when there is no such kind.
 * Static. */
const char *yousu_column_label(const char *kind);

/* yousu_column_kinds_list writes the kinds' names, comma separated, into
 * buf (truncated to len). */
void yousu_column_kinds_list(char *buf, size_t len);

#endif
