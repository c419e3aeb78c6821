/* yousu-hub: the county government service centre's daemon. */
#include "hub.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main(&yousu_hub_role, argc, argv);
}
