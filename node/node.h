/* yousu-node's role. */
#ifndef YOUSU_NODE_H
#define YOUSU_NODE_H

#include "yousu/role.h"

extern const yousu_role yousu_node_role;

#endif
