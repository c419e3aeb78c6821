/* yousu-bridge: the city bureau's daemon (市政务服务和大数据管理局): the
 * parent of the county hubs; it keeps their reports (统计报表) and
 * answers the city-wide tables. */
#include "yousu/daemon.h"

int
main(int argc, char **argv)
{
	return yousu_daemon_main("bridge", argc, argv);
}
