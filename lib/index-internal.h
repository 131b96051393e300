/* What the index tells its tests and no one else. */
#ifndef UCLOG_INDEX_INTERNAL_H
#define UCLOG_INDEX_INTERNAL_H

#include <stdint.h>

#include <uclog/index.h>

/*
 * Steps taken to match responses to their requests while the index was
 * built: table slots probed (or, in a walk, messages visited). A log of
 * N messages must cost O(N) of them, whatever the shape of its calls.
 */
uint64_t uclog__index_steps(const uclog_index *idx);

#endif
