/* yousu-node: a township convenience centre's daemon. */
#include "node.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main(&yousu_node_role, argc, argv);
}
