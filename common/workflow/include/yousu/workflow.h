/* yousu — the complaint workflow: commands that append events, and the
 * scheduler that reminds, supervises and notifies. */
#ifndef YOUSU_WORKFLOW_H
#define YOUSU_WORKFLOW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yousu/calendar.h"
#include "yousu/depts.h"
#include "yousu/err.h"
#include "yousu/policy.h"
#include "yousu/store.h"

typedef struct yousu_wf yousu_wf;

typedef struct yousu_wf_config {
	const char *centre;         /* centre code, used in complaint ids */
	yousu_store *store;         /* borrowed */
	const yousu_policy *policy; /* borrowed */
	const yousu_calendar *cal;  /* borrowed */
	const yousu_depts *depts;   /* borrowed */
	int utc_offset_min;         /* local time, e.g. 480 for UTC+8 */
	int64_t (*now)(void *arg);  /* the clock (injectable) */
	void *now_arg;
	const char *parent; /* parent centre code, or NULL */
	bool (*is_child)(void *arg, const char *code); /* or NULL */
	void *peers_arg;
} yousu_wf_config;

/* The department catalogue (yousu_depts_load ...) is in yousu/depts.h. */

/* yousu_wf_new makes a workflow over cfg (whose pointers it borrows). */
yousu_err yousu_wf_new(const yousu_wf_config *cfg, yousu_wf **out);

/* yousu_wf_free releases wf; NULL is allowed. */
void yousu_wf_free(yousu_wf *wf);

/* yousu_wf_exec runs workflow command cmd (intake, reject, classify,
 * resolve, assign, reply, extend, qc, visit, redo, close, transfer,
 * escalate) for actor with
 * the fields in args (a JSON object). It validates every field, checks
 * the transition, and appends the event and the new state in one
 * transaction. On success *result is the complaint's new state (owned by
 * the caller). On failure err names the problem (a missing or bad field,
 * an unknown department, an illegal transition and why) and nothing is
 * stored. */
yousu_err yousu_wf_exec(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *args, cJSON **result, char *err, size_t errlen);

/* yousu_wf_exec_signed is yousu_wf_exec with who signs the step besides
 * the actor's name (an account and its role, or yousuctl on behalf of
 * the actor), kept in the event's data as "signer" (copied). */
yousu_err yousu_wf_exec_signed(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, cJSON **result, char *err,
    size_t errlen);

/* yousu_wf_check_for checks step cmd on a complaint owned by centre owner
 * (not this one) as yousu_wf_exec_signed would run it, writing nothing:
 * the step is then sent to its owner. *doc (when not NULL): the
 * complaint as this store holds it. */
yousu_err yousu_wf_check_for(yousu_wf *wf, const char *cmd, const char *actor,
    const cJSON *signer, const cJSON *args, const char *owner, cJSON **doc,
    char *err, size_t errlen);

/* yousu_wf_tick runs the scheduler at the clock's current time: a
 * reminder (催办) for assigned complaints due within the profile's lead
 * time, a supervision (督办) for overdue ones, a notice (通报) for those
 * still unanswered the profile's days after supervision; on working days
 * only. Each is an event in its own transaction. Past the loaded calendar
 * the days are counted provisionally and each such step says so
 * ("provisional": true); no complaint is skipped. *fired counts the
 * events written. */
yousu_err yousu_wf_tick(yousu_wf *wf, int *fired, char *err, size_t errlen);

/* yousu_wf_overdue_days: for a complaint state doc, the working days by
 * which its replies were late, summed over every round (a redo starts a
 * new one), plus, while it awaits a reply, the working days its current
 * due date lies behind `today`; 0 when always on time. *provisional (when
 * not NULL) says whether the figure, or "on time", is provisional (暂定):
 * counted past the loaded calendar or against a provisional due date. */
int yousu_wf_overdue_days(
    const yousu_wf *wf, const cJSON *doc, int32_t today, bool *provisional);

/* yousu_wf_personal_field returns the i-th field of any command that
 * names, locates or reaches a person (the caller's name, phone, address,
 * the notes about them ...), with its command in *cmd; NULL past the
 * last. Each must be in yousu_personal_keys (yousu/personal.h). */
const char *yousu_wf_personal_field(size_t i, const char **cmd);

/* yousu_wf_needs_explanation: whether assigned complaint doc needs a
 * 问题处理说明 before its reply and extension request under the profile
 * (003 三(三); yousu_policy_explanation_needed), whether or not it has
 * one. */
bool yousu_wf_needs_explanation(const yousu_wf *wf, const cJSON *doc);

/* yousu_wf_step_allowed: whether step cmd (a workflow command: "assign")
 * can be taken on a complaint in status (its states' rule; the step may
 * still refuse for its own reasons). */
bool yousu_wf_step_allowed(const char *cmd, const char *status);

/* What the workflow works with (borrowed): its calendar, profile,
 * department catalogue, the local time's offset from UTC in minutes, and
 * the clock's time now (unix seconds). */
const yousu_calendar *yousu_wf_calendar(const yousu_wf *wf);
const yousu_policy *yousu_wf_policy(const yousu_wf *wf);
const yousu_depts *yousu_wf_depts(const yousu_wf *wf);
int yousu_wf_utc_offset(const yousu_wf *wf);
int64_t yousu_wf_now(const yousu_wf *wf);

/* yousu_wf_set_tables makes the workflow use policy and depts (borrowed)
 * from its next command on (a reloaded configuration). */
void yousu_wf_set_tables(
    yousu_wf *wf, const yousu_policy *policy, const yousu_depts *depts);

/* yousu_wf_set_calendar makes the workflow count with cal (borrowed)
 * from now on; the caller frees the old one after. */
void yousu_wf_set_calendar(yousu_wf *wf, const yousu_calendar *cal);

/* What yousu_wf_recalc did. */
typedef struct yousu_wf_recalc_result {
	int checked;  /* complaints whose figures were counted again */
	int adjusted; /* of them, those given a 期限调整 event */
	int noted; /* provisional scheduler steps the new count shows wrong */
} yousu_wf_recalc_result;

/* yousu_wf_recalc counts again, with the workflow's calendar, the due
 * dates and lateness of every complaint this centre owns whose figures
 * were counted provisionally or under another calendar version, from
 * the start and limit its log keeps. Each whose figures come out
 * different, or no longer provisional, gets a 期限调整 event ("adjust")
 * with the old and new due date, first-feedback date and lateness, the
 * old and new calendar version, and reason (copied); a scheduler step
 * that was taken on a provisional day and that the new count shows wrong
 * stays in the log and is noted in that event. The history is never
 * rewritten. Up to 256 complaints a transaction. *out (not NULL) says
 * what was done; YOUSU_DB (with a message) when the store fails, and
 * what was committed before stays. */
yousu_err yousu_wf_recalc(yousu_wf *wf, const char *reason,
    yousu_wf_recalc_result *out, char *err, size_t errlen);

#endif
