/* yousu — a jurisdiction's policy profile: time limits, escalation,
 * extension cap, accepted categories and refusal grounds. */
#ifndef YOUSU_POLICY_H
#define YOUSU_POLICY_H

#include <stdbool.h>
#include <stddef.h>

#include "yousu/err.h"

typedef struct yousu_policy yousu_policy;

/* What a complaint is, as far as its time limit goes. */
typedef struct yousu_policy_case {
	const char *klass;  /* a class code of [classes], or NULL */
	const char *nature; /* general, cannot, hard, refused, or NULL */
	int level;          /* response level 1..3, or 0 */
	int departments;    /* number of departments assigned */
	int levels; /* how many levels (township, county, city) they span */
} yousu_policy_case;

/* yousu_policy_load reads a profile INI file (keys in the README). On
 * success *out is a new profile owned by the caller. On failure returns
 * YOUSU_CONFIG with "file:line: message" in err. */
yousu_err yousu_policy_load(
    const char *path, yousu_policy **out, char *err, size_t errlen);

/* yousu_policy_free releases p; NULL is allowed. */
void yousu_policy_free(yousu_policy *p);

/* yousu_policy_name returns the profile's short name. */
const char *yousu_policy_name(const yousu_policy *p);

/* yousu_policy_title returns the centre/form title (e.g. for the work
 * order heading). */
const char *yousu_policy_title(const yousu_policy *p);

/* yousu_policy_limit returns the reply time limit in working days for c:
 * the largest of the limits that match (class, nature, level, several
 * departments, several levels), or the default when none matches. */
int yousu_policy_limit(const yousu_policy *p, const yousu_policy_case *c);

/* yousu_policy_feedback_days returns the working days within which the
 * first feedback (初步反馈意见) is due for c, or -1 when none is. */
int yousu_policy_feedback_days(
    const yousu_policy *p, const yousu_policy_case *c);

/* yousu_policy_classes returns how many classes [classes] declares; when
 * there are any, every complaint is classified into one of them. */
size_t yousu_policy_classes(const yousu_policy *p);

/* yousu_policy_class returns the label (who handles it, how) of class
 * code, or NULL if the profile has no such class; *dept (when dept is not
 * NULL) becomes the department that must lead it, or NULL for any. */
const char *yousu_policy_class(
    const yousu_policy *p, const char *code, const char **dept);

/* yousu_policy_class_at returns the code of the i-th class (NULL past the
 * end), its department (or NULL) and the profile line declaring it. */
const char *yousu_policy_class_at(
    const yousu_policy *p, size_t i, const char **dept, int *line);

/* yousu_policy_path returns the file the profile was read from. */
const char *yousu_policy_path(const yousu_policy *p);

/* yousu_policy_leading_group returns who decides a complaint still
 * overdue once its extensions are used up (e.g. 领导小组集体研究), or
 * NULL when the profile names no one. */
const char *yousu_policy_leading_group(const yousu_policy *p);

/* yousu_policy_cannot_needs_basis: whether a "cannot" reply must cite its
 * legal or policy basis besides the reason (default yes). */
bool yousu_policy_cannot_needs_basis(const yousu_policy *p);

/* yousu_policy_plan_allowed: whether the department of a complaint of
 * this nature (NULL: general) handled by ndept departments may answer it
 * with a plan (解决方案) and a committed date ([plans] natures and
 * multi_department; any complaint when the profile has no [plans]). */
bool yousu_policy_plan_allowed(
    const yousu_policy *p, const char *nature, int ndept);

/* yousu_policy_plan_max_days: the most working days a plan may commit
 * to, from the day it is given ([plans] max_days), or -1: no limit. */
int yousu_policy_plan_max_days(const yousu_policy *p);

/* yousu_policy_explanation_needed: whether a complaint of this response
 * level (0: none) handled by ndept departments needs a 问题处理说明
 * before its reply or extension request ([explanation] levels and
 * multi_department; 003 三(三)); never when the profile has no
 * [explanation]. */
bool yousu_policy_explanation_needed(
    const yousu_policy *p, int level, int ndept);

/* yousu_policy_round_sample: how many closed complaints a visit round
 * picks at random ([visit] round_sample), or 0: every one. */
int yousu_policy_round_sample(const yousu_policy *p);

/* yousu_policy_visit_attempts: after how many failed calls of a return
 * visit the complainant is 无法回访 ([visit] attempts, default 3), made
 * over at least *days working days ([visit] attempt_days, default 2:
 * the first and the last call on different days). */
int yousu_policy_visit_attempts(const yousu_policy *p, int *days);

/* yousu_policy_ranking_weights: the weights of 响应率, 解决率, 满意率 and
 * the on-time rate in the monthly ranking ([ranking] response,
 * resolution, satisfaction, on_time; a key left out weighs 0; none at
 * all: 25 each). */
void yousu_policy_ranking_weights(const yousu_policy *p, int w[4]);

/* yousu_policy_repeat_days: how many days back a new complaint is
 * matched against earlier ones (重复件; [repeats] window_days, default
 * 30), and within which a repeat of a closed one counts against its
 * department. */
int yousu_policy_repeat_days(const yousu_policy *p);

/* yousu_policy_contact_hours: within how many hours a complainant who
 * did not come to the window is contacted ([response]
 * contact_within_hours; a 12345 form's own hours win), or 0: no such
 * duty (the response is then the first feedback or reply). */
int yousu_policy_contact_hours(const yousu_policy *p);

/* yousu_policy_recheck_on: whether a reached visit that was unsatisfied
 * (不满意) or found the problem unresolved (未解决) returns the complaint
 * for recheck by itself ([visit] recheck_on, 004 第五条). */
bool yousu_policy_recheck_on(
    const yousu_policy *p, bool unsatisfied, bool unresolved);

/* yousu_policy_cannot_report_to returns who each "cannot" reply is
 * reported to (否定答复报告), or NULL. */
const char *yousu_policy_cannot_report_to(const yousu_policy *p);

/* yousu_policy_evaluation_to returns who the return visit's evaluation
 * (服务评价) is sent to besides the lead department, or NULL. */
const char *yousu_policy_evaluation_to(const yousu_policy *p);

/* yousu_policy_reminder_days: remind this many working days before due. */
int yousu_policy_reminder_days(const yousu_policy *p);

/* yousu_policy_notice_days: notify this many working days after a
 * supervision that got no reply, for a complaint from source (a profile
 * may set its own for a source: notice_after_days.hotline = 0 notifies
 * the day it is supervised). */
int yousu_policy_notice_days(const yousu_policy *p, const char *source);

/* yousu_policy_assign_days: a registered complaint is to be assigned (or
 * resolved, or refused) within this many working days of intake (0: the
 * same day); -1 when the profile sets no such limit. */
int yousu_policy_assign_days(const yousu_policy *p);

/* yousu_policy_notice_cc / _report_to: who a notice is copied and
 * reported to (e.g. the discipline commission, the government). */
const char *yousu_policy_notice_cc(const yousu_policy *p);
const char *yousu_policy_notice_report_to(const yousu_policy *p);

/* yousu_policy_seq_digits: digits of the daily sequence in complaint
 * ids (default 3; 004's form has 2: 2021081203); more are used past
 * it. */
int yousu_policy_seq_digits(const yousu_policy *p);

/* yousu_policy_extension_max: total working days an extension may add
 * to one complaint (0: extensions not allowed). */
int yousu_policy_extension_max(const yousu_policy *p);

/* yousu_policy_extension_approver: the role that must approve one. */
const char *yousu_policy_extension_approver(const yousu_policy *p);

/* yousu_policy_ledger_title returns the ledger's title ([ledger] title),
 * or NULL when the profile gives none (the ledger's default). */
const char *yousu_policy_ledger_title(const yousu_policy *p);

/* yousu_policy_ledger_columns returns how many columns [ledger] lists
 * (at most YOUSU_LEDGER_MAX_COLUMNS, each kind once), or 0 when it lists
 * none: the ledger then has its default columns (000 附件3). */
size_t yousu_policy_ledger_columns(const yousu_policy *p);

/* yousu_policy_ledger_column returns the kind (a name that
 * yousu_column_label knows) of the i-th column and sets *label to
 * its header (the profile's, or the kind's default); NULL past the end.
 * Both strings are owned by p. */
const char *yousu_policy_ledger_column(
    const yousu_policy *p, size_t i, const char **label);

/* yousu_policy_category returns the label of category code, or NULL if
 * the profile does not accept it. */
const char *yousu_policy_category(const yousu_policy *p, const char *code);

/* yousu_policy_refusal returns the label of refusal ground code and sets
 * *channel to the channel to use instead; NULL if unknown. */
const char *yousu_policy_refusal(
    const yousu_policy *p, const char *code, const char **channel);

/* yousu_policy_code returns the code of the category (which = 'c') or
 * refusal ground (which = 'r') that input names: its code or its label
 * (the Chinese words of the profile); NULL for neither. */
const char *yousu_policy_code(
    const yousu_policy *p, char which, const char *input);

/* yousu_policy_closest returns the category (which = 'c') or refusal
 * (which = 'r') code a mistyped input was probably meant to be, or
 * NULL. */
const char *yousu_policy_closest(
    const yousu_policy *p, char which, const char *input);

/* yousu_policy_list_codes writes the comma-separated category codes
 * (which = 'c'), refusal codes (which = 'r') or class codes (which =
 * 'k') into buf. */
void yousu_policy_list_codes(
    const yousu_policy *p, char which, char *buf, size_t len);

/* yousu_policy_form_fields returns how many fields the work order
 * ([workorder] field = KIND | 标签) lists; 0: the form of 000/002 附件2. */
size_t yousu_policy_form_fields(const yousu_policy *p);

/* yousu_policy_form_field returns the kind of the i-th work-order field
 * and its label in *label; NULL past the end. */
const char *yousu_policy_form_field(
    const yousu_policy *p, size_t i, const char **label);

/* yousu_policy_form_bare_number: the work order shows the complaint's
 * number without the centre's code (004 附件3: 2021081203). */
bool yousu_policy_form_bare_number(const yousu_policy *p);

/* yousu_policy_json: what a desk needs to fill its forms, as JSON: name,
 * title, categories and refusal grounds ({code, label}; a ground with
 * its channel), classes ({code, label, dept}), the natures, the
 * extension cap and approver, the work order's fields ({key, label}),
 * in the profile's order (the ledger's columns come with the ledger). Owned by
 * the caller; NULL when memory runs out. */
typedef struct cJSON cJSON;
cJSON *yousu_policy_json(const yousu_policy *p);

#endif
