/* Internal entry points of the link for tests and fuzzing. */
#ifndef YOUSU_LINK_IMPL_H
#define YOUSU_LINK_IMPL_H

#include <stddef.h>
#include <stdint.h>

#include "yousu/link.h"

/* yousu__link_feed takes buf as one frame received from the network and
 * applies what it carries, exactly as the receive loop does. */
void yousu__link_feed(yousu_link *l, const uint8_t *buf, size_t len);

#endif
