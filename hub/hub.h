/* yousu-hub's role. */
#ifndef YOUSU_HUB_H
#define YOUSU_HUB_H

#include "yousu/role.h"

extern const yousu_role yousu_hub_role;

#endif
