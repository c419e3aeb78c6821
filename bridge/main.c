/* yousu-bridge: the city bureau's daemon (市政务服务和大数据管理局): the
 * parent of the county hubs; it keeps their reports (统计报表), answers
 * the city-wide tables and is the 12345 hotline's gateway. */
#include "bridge.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main(&yousu_bridge_role, argc, argv);
}
