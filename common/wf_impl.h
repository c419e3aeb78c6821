/* The workflow's private state, shared by workflow.c and sched.c. */
#ifndef YOUSU_WF_IMPL_H
#define YOUSU_WF_IMPL_H

#include "yousu/workflow.h"

struct yousu_wf {
	yousu_wf_config c;
};

#endif
