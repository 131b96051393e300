/* What the parts of the redaction suite share: the call that adds each part's cases to the
 * suite (test-redact.c, test-redact-mask.c). */
#ifndef UCLOG_TEST_REDACT_H
#define UCLOG_TEST_REDACT_H

#include "testutil.h"

/* The masking cases (uclog_redact_mask_text()), as a test case of s. */
void redact_add_mask(Suite *s);

#endif
