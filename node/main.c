/* yousu-node: a township convenience centre's daemon. */
#include "yousu/daemon.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main("node", argc, argv);
}
