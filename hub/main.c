/* yousu-hub: the county government service centre's daemon. */
#include "yousu/daemon.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main("hub", argc, argv);
}
