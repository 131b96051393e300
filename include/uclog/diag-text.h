/**
 * @file uclog/diag-text.h
 * @brief libuclog-diag: a report as the text uclog-diagnose prints.
 *
 * The text of a report (uclog_diag_run()) or of the parts of a streaming
 * diagnosis (uclog_diag_run_parts()), rendered once for every program and
 * binding: the files, the client, each verdict under its sign-in or call
 * heading with its evidence and checklist, and a checklist shared by
 * verdicts given more than once printed once. The text is UTF-8; a byte of
 * the log that is a control character (C0, DEL, C1) or not UTF-8 is
 * written as `?`, so that no byte of a log reaches a terminal as a control
 * sequence. Lines are wrapped at a width only between words: a word longer
 * than a line (a URI) runs past its end, whole.
 *
 * A renderer (::uclog_diag_text) holds the options (width, colour, which
 * calls are shown) and, across the parts of one streaming diagnosis, what
 * was printed before (the calls numbered so far, the checklists already
 * printed). It writes through a callback (::uclog_diag_write_fn) in pieces
 * of at most a few kilobytes.
 *
 * The same renderer writes the summary of `uclog-diagnose --summary`
 * (uclog_diag_text_summary_calls(), uclog_diag_text_summary_end()): a line
 * per call shown, then the log-wide line and the totals, as text or (with
 * ::UCLOG_DIAG_TEXT_JSON) as JSON. It is the same renderer, not a sibling,
 * because the summary shows the same calls (uclog_diag_text_add_call_id(),
 * ::UCLOG_DIAG_TEXT_FAILURES), writes log text by the same rule and through
 * the same callback, and keeps, like the streamed text, a state across the
 * parts of one diagnosis (its columns and totals). uclog_diag_text_safe()
 * applies that rule to any text, for a caller that writes lines of its own
 * beside the renderer's.
 *
 * Link with `pkg-config --libs uclog-diag`.
 */
#ifndef UCLOG_DIAG_TEXT_H
#define UCLOG_DIAG_TEXT_H

#include <uclog/diag.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Flags of uclog_diag_text_new(), or-ed.
 * @since 1.3
 */
enum uclog_diag_text_flag {
    /** The severity of each verdict in colour (ANSI sequences: failure red,
     * warning yellow, otherwise green), for a terminal. */
    UCLOG_DIAG_TEXT_COLOUR = 1u << 0,
    /** Only the calls with a warning or failure verdict (as
     * `uclog-diagnose --failures`); the log-wide verdicts are always shown. */
    UCLOG_DIAG_TEXT_FAILURES = 1u << 1,
    /** The summary (uclog_diag_text_summary_calls(), uclog_diag_text_summary_end())
     * as JSON instead of text. The text of uclog_diag_text_report() and
     * uclog_diag_text_part() does not change with it. */
    UCLOG_DIAG_TEXT_JSON = 1u << 2,
    /** The summary is of the parts of a streaming diagnosis, handed over in
     * turn: its columns have a fixed width (call numbers of 6 digits,
     * Call-IDs of 32 characters, a longer one runs past its column), and as
     * JSON each call is an object on a line of its own, then the log-wide
     * verdict and the totals another. Without it, the columns are as wide
     * as the first report given needs, and the JSON is one object. */
    UCLOG_DIAG_TEXT_STREAM = 1u << 3
};

/**
 * A text renderer: options, and the state of a streaming diagnosis's
 * text. Made by uclog_diag_text_new(), owned by the caller.
 * @since 1.3
 */
typedef struct uclog_diag_text uclog_diag_text;

/**
 * Where the text goes: @p len bytes at @p text (not NUL-terminated), lent
 * for the call. Return 0 to go on; anything else stops the rendering,
 * which then returns that value.
 * @since 1.3
 */
typedef int (*uclog_diag_write_fn)(const char *text, size_t len, void *userdata);

/**
 * Make a renderer.
 * @param[out] out the renderer, owned by the caller (uclog_diag_text_free()); NULL on error.
 * @param ctx the context whose allocator it uses; it must outlive the renderer.
 * @param width columns to wrap the text at (a terminal's width); 0 for no
 *        wrapping (one line per item: into a pipe or a file).
 * @param flags ::uclog_diag_text_flag values or-ed; 0 for plain text of every call.
 * @return 0; UCLOG_E_INVALID_ARG for a NULL pointer or an unknown flag;
 *         UCLOG_E_NOMEM.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_new(uclog_diag_text **out, uclog_ctx *ctx, uint32_t width, uint32_t flags);

/**
 * Free a renderer. NULL is accepted.
 * @param t the renderer.
 * @since 1.3
 */
UCLOG_EXPORT void uclog_diag_text_free(uclog_diag_text *t);

/**
 * Show only the calls whose Call-ID is @p id or starts with it (as
 * `uclog-diagnose --call-id ID`). Called several times, a call any of
 * the values matches is shown; with ::UCLOG_DIAG_TEXT_FAILURES, only if
 * it also has a warning or failure verdict. The log-wide verdicts are
 * always shown, and the text says which calls are shown and of how many.
 * @param t the renderer.
 * @param id the value; copied.
 * @return 0; UCLOG_E_INVALID_ARG for a NULL pointer; UCLOG_E_NOMEM.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_add_call_id(uclog_diag_text *t, const char *id);

/**
 * Write the text of a whole report: `Log:` lines for its files, the client
 * (URI, agent, location and why, the calls and those shown, the packets
 * no message could be read from), then the verdicts shown under "Sign-in
 * and log" and a heading per call (numbered from 1, with its Call-ID),
 * each with its summary, its reason when not certain, its evidence (file
 * name and line, time, detail) and its checklist. A checklist of a code
 * given more than once is printed once, at the end, under "Checklists of
 * the verdicts given more than once", with the calls it concerns; each
 * verdict says so instead of its list. The text ends with a line feed.
 * The renderer's streaming state is not used nor changed: one renderer
 * may write several reports.
 * @param t the renderer.
 * @param r the report.
 * @param fn called with each piece of the text, in order.
 * @param userdata handed to @p fn unchanged.
 * @return 0; what @p fn returned when not 0 (nothing more is written);
 *         UCLOG_E_INVALID_ARG for a NULL pointer.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_report(uclog_diag_text *t, const uclog_diag_report *r, uclog_diag_write_fn fn,
                                        void *userdata);

/**
 * Write the text of one part of a streaming diagnosis (the parts of
 * uclog_diag_run_parts(), handed over in turn, from its callback): for the
 * first part the `Log:` lines; for a call's part the verdicts shown, the
 * call numbered after those of the parts before; for the last part (no
 * call) a blank line, the client with the calls counted over all parts,
 * then the log-wide verdicts. A checklist is printed under the first
 * verdict of its code; a later verdict of that code points to it ("as for
 * call 3 above"). The renderer counts the parts: use one renderer for one
 * diagnosis.
 * @param t the renderer.
 * @param part the part.
 * @param fn called with each piece of the text, in order (a part that
 *        shows nothing writes nothing).
 * @param userdata handed to @p fn unchanged.
 * @return 0; what @p fn returned when not 0; UCLOG_E_INVALID_ARG for a
 *         NULL pointer.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_part(uclog_diag_text *t, const uclog_diag_report *part, uclog_diag_write_fn fn,
                                      void *userdata);

/**
 * Over two clients' logs: the client a streaming JSON summary's lines are
 * of. With ::UCLOG_DIAG_TEXT_STREAM and ::UCLOG_DIAG_TEXT_JSON, each line
 * then begins with `"client_number": number`; otherwise it changes nothing.
 * It is kept until set again (uclog_diag_text_summary_end() keeps it).
 * @param t the renderer.
 * @param number 1 or 2 (any value is written as it is); 0 for none, as a
 *        new renderer has.
 * @return 0; UCLOG_E_INVALID_ARG for a NULL renderer.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_set_client_number(uclog_diag_text *t, uint32_t number);

/**
 * Write the summary's lines of the calls of a report, or of one part of a
 * streaming diagnosis (the calls shown: uclog_diag_text_add_call_id(),
 * ::UCLOG_DIAG_TEXT_FAILURES), numbered from @p first + 1. Before the
 * first line of a summary, its header: as text a line of the column names
 * (`call`, `start`, `dir`, `outcome`, `worst`, `verdict`, `Call-ID`,
 * `peer`); as JSON of a whole report `{"calls": [`. A text line holds the
 * call's number, its start (`2008-11-21 23:40:00.100`, or `-`), its
 * direction (`out`, `in`, `?`), its outcome, the worst severity of its
 * verdicts, the code and name of that verdict when it is a warning or a
 * failure (otherwise `-`), its Call-ID and its peer, the log's text
 * written as `?` where uclog_diag_text_safe() says. A JSON line holds
 * the same, as `number`, `call_id`, `start`, `direction`, `peer`,
 * `outcome`, `worst`, `verdict` (null or `{"code", "name", "severity"}`).
 * The log-wide verdicts of @p r are noted for uclog_diag_text_summary_end().
 * Without ::UCLOG_DIAG_TEXT_STREAM the columns are sized from the first
 * report given to a summary (its call count and the Call-IDs shown).
 * @param t the renderer.
 * @param r the report, or a part (then handed over from the callback of
 *        uclog_diag_run_parts(), while it is valid).
 * @param first the number of the calls before (0 for a whole report; for a
 *        part, the calls of the parts before it).
 * @param fn called with each piece of the text, in order (nothing when no
 *        call of @p r is shown).
 * @param userdata handed to @p fn unchanged.
 * @return 0; what @p fn returned when not 0 (nothing more is written);
 *         UCLOG_E_INVALID_ARG for a NULL pointer.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_summary_calls(uclog_diag_text *t, const uclog_diag_report *r, uint32_t first,
                                               uclog_diag_write_fn fn, void *userdata);

/**
 * End a summary: its header if no call was shown, then as text the line of
 * the log-wide verdicts (`log`, the worst severity of the log-wide
 * verdicts or `-` when none, the code and name of the worst when it is a
 * warning or a failure) and the totals: `Total: calls N` (with a filter
 * `Total: calls S shown of N`), the calls shown of each outcome, and how
 * many have a failure and a warning as their worst verdict, ending with a
 * line feed. As JSON: `"log": {"worst", "verdict"}` and `"totals":
 * {"calls", "shown", the outcomes, "failure", "warning"}`, closing the
 * object of a whole report (which is then not followed by a line feed, so
 * that it can be a member of a larger document: write one after it), or
 * as an object on a line of its own with ::UCLOG_DIAG_TEXT_STREAM. The
 * renderer's summary then starts over: the next
 * uclog_diag_text_summary_calls() begins another summary.
 * @param t the renderer.
 * @param calls the call attempts of the log (all, shown or not: a whole
 *        report's uclog_diag_report_call_count(), the sum over the parts).
 * @param fn called with each piece of the text, in order.
 * @param userdata handed to @p fn unchanged.
 * @return 0; what @p fn returned when not 0; UCLOG_E_INVALID_ARG for a
 *         NULL pointer.
 * @since 1.3
 */
UCLOG_EXPORT int uclog_diag_text_summary_end(uclog_diag_text *t, uint32_t calls, uclog_diag_write_fn fn,
                                             void *userdata);

/**
 * Log text as the renderer writes it: a control character (C0, tab
 * included; DEL; C1) or a byte that is not part of a UTF-8 sequence
 * becomes one `?`; anything else is copied. The result is never longer
 * than the text. For a caller that writes lines of its own beside the
 * renderer's, by the same rule.
 * @param[out] out where the result goes, NUL-terminated; its size must be
 *        at least @p len + 1 for the whole text (a smaller buffer gets the
 *        characters that fit, whole).
 * @param size the bytes at @p out.
 * @param text the text, @p len bytes (a NUL among them is a control
 *        character); NULL when @p len is 0.
 * @param len its length.
 * @return the length of the result (without its NUL); 0 when @p out is
 *         NULL or @p size is 0 (nothing is written).
 * @since 1.3
 */
UCLOG_EXPORT size_t uclog_diag_text_safe(char *out, size_t size, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
