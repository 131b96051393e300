/* Placeholder until the sip layer lands. */
#include "internal.h"

const char *uclog__sip_defect_name(int32_t code, const char **text)
{
    (void)code;
    *text = NULL;
    return NULL;
}
