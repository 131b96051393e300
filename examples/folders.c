/* The clients' log folders on Windows (folders.h). */
#include "folders.h"

/*
 * From the formats reference (section 7, "File names and locations"): "documented" where a
 * Microsoft page gives the folder, "reported" where only blogs and community pages do.
 */
static const struct {
    const char *clients, *folder;
} folders[] = {
    {"Communicator 2007 and 2007 R2 (documented), Lync 2010 (reported)", "%USERPROFILE%\\Tracing"},
    {"Lync 2013, Skype for Business 2015 (reported)", "%LOCALAPPDATA%\\Microsoft\\Office\\15.0\\Lync\\Tracing"},
    {"Skype for Business 2016 (documented)", "%LOCALAPPDATA%\\Microsoft\\Office\\16.0\\Lync\\Tracing"},
    {"Lync Windows 8 app (reported)",
     "%LOCALAPPDATA%\\Packages\\Microsoft.LyncMX_8wekyb3d8bbwe\\LocalState\\Tracing"},
    {"Lync Web App plug-in (reported)", "%LOCALAPPDATA%\\Microsoft\\LWAPlugin\\Tracing"},
};

void ex_usage_log_folders(FILE *out)
{
    size_t i;

    fputs("\nWhere the clients write these logs on Windows (documented: Microsoft's pages\n"
          "say so; reported: only others' pages do):\n",
          out);
    for (i = 0; i < sizeof(folders) / sizeof(folders[0]); i++)
        fprintf(out, "  %s:\n    %s\n", folders[i].clients, folders[i].folder);
}
