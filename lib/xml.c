/* Placeholder until the xml layer lands. */
#include "internal.h"

const char *uclog__xml_defect_name(int32_t code, const char **text)
{
    (void)code;
    *text = NULL;
    return NULL;
}
