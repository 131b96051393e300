/* uclog-diagnose's registries: --list-verdicts, --explain, --list-ms-codes (diagnose-registry.h). */
#include <stdio.h>
#include <stdlib.h>

#include <uclog/diag.h>
#include <uclog/sip.h>

#include "diagnose-registry.h"

/* ---- the registry, as doc/verdicts.md ---- */

void dr_list_verdicts(void)
{
    int32_t c;
    uint32_t i;

    puts("# Verdicts of uclog-diagnose\n");
    puts("Made by `uclog-diagnose --list-verdicts` from the registry in `lib/diag/registry.c`; a test");
    puts("checks that this page and the registry agree. A code never changes meaning; the text may");
    puts("improve. The ms-diagnostics codes the evidence cites are explained in [ms-codes.md](ms-codes.md).\n");
    puts("## How sure a verdict is\n");
    puts("Every verdict says how much of it the log itself states. **certain**: the log says it in so");
    puts("many words (an answer that arrived or never came, a candidate with an explicit `typ`, a relay");
    puts("address MRAS named, an address you gave with `--edge-ip`). **inferred**: it rests on a guess,");
    puts("and the verdict names the guess and the signals behind it (for an untyped candidate: not an");
    puts("address the log proves the client's, its q-value rank against the client's host candidates, the");
    puts("default candidate's address, the Edge media port range, the perimeter the client reaches); treat");
    puts("it as a lead to confirm, not a finding. **unreadable**: the body the step needed (the MRAS or");
    puts("provisioning XML) could not be read whole; the verdict gives the parse error and its position and");
    puts("claims nothing about what the body would have said. When the signals do not decide, the verdict");
    puts("says so (215 `EDGE_CANDIDATE_UNDECIDED`) and tells how to decide; it is never a failure.\n");
    puts("## The codes\n");
    puts("| code | name | severity | step | when |");
    puts("|---|---|---|---|---|");
    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c))
        printf("| %d | `%s` | %s | %s | %s |\n", (int)c, uclog_diag_code_name(c),
               uclog_diag_severity_name(uclog_diag_code_severity(c)), uclog_diag_code_step(c),
               uclog_diag_code_condition(c));
    for (c = uclog_diag_code_next(0); c; c = uclog_diag_code_next(c)) {
        printf("\n## %d `%s`\n\n%s.\n\n", (int)c, uclog_diag_code_name(c), uclog_diag_code_condition(c));
        for (i = 0; i < uclog_diag_code_checklist_count(c); i++)
            printf("%u. %s\n", (unsigned)(i + 1), uclog_diag_code_checklist(c, i));
    }
}

/* ---- the registry of diagnostics codes ---- */

/* --explain CODE: every entry with that id (a server and a client code may share one). */
int dr_explain(const char *arg)
{
    static const uint32_t kinds[] = {UCLOG_SIP_DIAG_SERVER, UCLOG_SIP_DIAG_CLIENT};
    const uclog_diag_ms_code *c;
    char *end;
    unsigned long id;
    int found = 0;
    size_t k;

    id = arg && *arg >= '0' && *arg <= '9' ? strtoul(arg, &end, 10) : 0;
    if (!arg || *arg < '0' || *arg > '9' || *end || id > UINT32_MAX) {
        fprintf(stderr, "uclog-diagnose: --explain needs a code (a number)\n");
        return 2;
    }
    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
        if (uclog_diag_ms_code_lookup(&c, kinds[k], (uint32_t)id) != 0)
            continue;
        printf("%s%s %lu\n", found ? "\n" : "", uclog_diag_ms_kind_name(kinds[k]), id);
        printf("  meaning:     %s\n", uclog_diag_ms_code_meaning(c));
        printf("  component:   %s\n", uclog_diag_ms_code_component(c));
        printf("  check:       %s\n", uclog_diag_ms_code_check(c));
        printf("  source:      %s (%s)\n", uclog_diag_ms_code_source(c), uclog_diag_ms_code_confidence(c));
        printf("  normal end:  %s\n", uclog_diag_ms_code_normal_end(c) ? "yes, not a failure" : "no");
        found = 1;
    }
    if (!found)
        printf("%lu: not in the registry; its range: %s\n", id, uclog_diag_ms_diagnostics_range((uint32_t)id));
    return found ? 0 : 1;
}

void dr_list_ms_codes(void)
{
    const uclog_diag_ms_code *c;

    puts("# ms-diagnostics codes");
    puts("");
    puts("Made by `uclog-diagnose --list-ms-codes` from the registry in `lib/diag/ms-codes.c`; a test");
    puts("checks that this page and the registry agree. `uclog-diagnose --explain CODE` prints one entry.");
    puts("A code the registry does not hold is explained by its range only.");
    puts("");
    puts("Confidence: **spec** the reason text is in [MS-OCER]; **field** a capture or an article quotes");
    puts("it; **range** the id is published but its reason text was not found; **unverified** recalled, not");
    puts("found in a source. A code marked *normal end* is never made a failure by the diagnosis.");
    puts("");
    puts("| header | code | meaning | component | check | source | confidence | normal end |");
    puts("|---|---|---|---|---|---|---|---|");
    for (c = uclog_diag_ms_code_next(NULL); c; c = uclog_diag_ms_code_next(c))
        printf("| %s | %u | %s | %s | %s | %s | %s | %s |\n", uclog_diag_ms_kind_name(uclog_diag_ms_code_kind(c)),
               (unsigned)uclog_diag_ms_code_id(c), uclog_diag_ms_code_meaning(c), uclog_diag_ms_code_component(c),
               uclog_diag_ms_code_check(c), uclog_diag_ms_code_source(c), uclog_diag_ms_code_confidence(c),
               uclog_diag_ms_code_normal_end(c) ? "yes" : "no");
    puts("");
    puts("ms-diagnostics-public carries the same ids as ms-diagnostics.");
}
