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
    UCLOG_DIAG_TEXT_FAILURES = 1u << 1
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

#ifdef __cplusplus
}
#endif
#endif
