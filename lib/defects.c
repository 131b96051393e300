/* The names and texts of the defect codes of every layer: one table, in
 * the order of the codes. */
#include <uclog/errors.h>
#include <uclog/packet.h>
#include <uclog/sdp.h>
#include <uclog/sip.h>
#include <uclog/xml.h>

#include "internal.h"

static const struct {
    int32_t code;
    const char *name;
    const char *text;
} defects[] = {
#define D(name, text) {UCLOG_DEFECT_##name, #name, text}
    D(TEXT_BEFORE_HEADER, "text before the first record header"),
    D(HEADER_MALFORMED, "record header with missing or malformed fields"),
    D(TIMESTAMP_INVALID, "record timestamp out of range"),
    D(LINE_TOO_LONG, "line longer than the line limit"),
    D(RECORD_TOO_LONG, "record cut at the record size limit"),
    D(RECORD_CONTINUED, "continuation of a record that was cut"),
    D(NUL_BYTE, "NUL byte in the text"),
    D(NO_FINAL_NEWLINE, "last line has no line end"),
    D(INVALID_UTF8, "bytes that are not valid UTF-8"),
    D(POSITION_SATURATED, "line or column past 4294967295, reported as 4294967295"),
    D(PACKET_BYTE_COUNT, "the declared byte count differs from the packet's bytes"),
    D(PACKET_TRUNCATED, "the packet has no End of record"),
    D(PACKET_FRAMING, "the framing line's addresses or byte count could not be read"),
    D(PACKET_LEFTOVER, "bytes after the last SIP message of the packet"),
    D(PACKET_END_MISMATCH, "the End of record does not match the packet it closes"),
    D(PACKET_JOINED, "the message went on in the next read of the same thread and addresses; the reads were joined"),
    D(PACKET_HEADER_INSIDE, "a line of the packet's own thread shaped like a record header, kept as part of the bytes"),
    D(PACKET_INTERLEAVED, "another thread framed a packet inside this packet's frame"),
    D(PACKET_ROTATED, "the packet went on at the start of the next file of the set; the parts were joined"),
    D(PACKET_NO_MESSAGE, "the packet yields no SIP message"),
    D(SIP_TEXT_BEFORE_START, "text before the SIP start line"),
    D(SIP_START_LINE_MALFORMED, "SIP start line with a malformed field"),
    D(SIP_HEADER_MALFORMED, "SIP header line without a colon or a valid name"),
    D(SIP_HEADER_INDENTED, "blanks before a SIP header name"),
    D(SIP_HEADERS_UNTERMINATED, "SIP message ended before the end of its headers"),
    D(SIP_TOO_MANY_HEADERS, "more SIP headers than the header limit; the rest are not indexed"),
    D(SIP_CONTENT_LENGTH_INVALID, "Content-Length that is not a number or is too large"),
    D(SIP_CONTENT_LENGTH_CONFLICT, "several Content-Length headers that disagree"),
    D(SIP_BODY_TRUNCATED, "fewer body bytes than Content-Length says"),
    D(SIP_MULTIPART_NO_BOUNDARY, "multipart Content-Type without a boundary parameter"),
    D(SIP_MULTIPART_NO_DELIMITER, "multipart body in which the boundary never appears"),
    D(SIP_MULTIPART_UNTERMINATED, "multipart body without its closing delimiter"),
    D(SIP_TOO_MANY_PARTS, "more MIME parts than the part limit; the rest are ignored"),
    D(SIP_PART_HEADERS_UNTERMINATED, "MIME part without the blank line after its headers"),
    D(SIP_DEFECTS_DROPPED, "too many defects in one SIP message; later ones were not recorded"),
    D(SIP_BODY_BEYOND_LENGTH, "the packet framed more body bytes than Content-Length says; the body runs to their end"),
    D(SIP_CSEQ_INVALID, "CSeq whose number is missing or larger than 4294967295"),
    D(SDP_LINE_MALFORMED, "SDP line is not <letter>=<value>"),
    D(SDP_TOO_MANY_LINES, "more SDP lines than the limit; the rest was ignored"),
    D(SDP_ORIGIN_MALFORMED, "o= line without its six fields"),
    D(SDP_CONNECTION_MALFORMED, "c= line is not <nettype> <addrtype> <address>"),
    D(SDP_MEDIA_MALFORMED, "m= line with missing fields or a bad port"),
    D(SDP_CANDIDATE_MALFORMED, "candidate with missing fields or a bad component or transport"),
    D(SDP_CANDIDATE_PORT_RANGE, "candidate port not in 0-65535"),
    D(SDP_CANDIDATE_PRIORITY_RANGE, "candidate priority not a 32-bit number"),
    D(SDP_CANDIDATE_QVALUE_INVALID, "draft-6 candidate qvalue is not 0[.ddd] or 1[.000]"),
    D(SDP_CANDIDATE_ADDRESS_INVALID, "candidate address is not IPv4, IPv6 or a host name"),
    D(SDP_CANDIDATE_EXTENSION, "candidate extension name without a value"),
    D(SDP_TOO_MANY_CANDIDATES, "more candidates than the limit; the rest was not stored"),
    D(SDP_CANDIDATE_OUTSIDE_MEDIA, "candidate before the first m= line"),
    D(SDP_REMOTE_CANDIDATES_MALFORMED, "remote-candidates is not <comp> <addr> <port> triples"),
    D(SDP_ENCRYPTION_UNKNOWN, "encryption value is not required, optional or rejected"),
    D(SDP_CRYPTO_MALFORMED, "crypto attribute with missing fields or a bad tag"),
    D(SDP_DIAGNOSTICS_MALFORMED, "x-ms-SDP-diagnostics without a numeric error id"),
    D(XML_BAD_NUMBER, "XML value that should be a number is not one, or is out of range"),
    D(XML_MISSING, "required XML element or attribute is missing"),
    D(XML_DUPLICATE, "XML element that should appear once appears again (the first is used)"),
    D(XML_UNKNOWN_VALUE, "XML value outside the list the protocol defines"),
#undef D
};

/* The index of code's entry, or -1; the table is in the order of the codes. */
static int defect_index(int32_t code)
{
    int lo = 0, hi = (int)(sizeof(defects) / sizeof(defects[0]));

    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (defects[mid].code == code)
            return mid;
        if (defects[mid].code < code)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

const char *uclog_defect_name(int32_t code)
{
    int i = defect_index(code);
    return i < 0 ? "UNKNOWN" : defects[i].name;
}

const char *uclog_defect_text(int32_t code)
{
    int i = defect_index(code);
    return i < 0 ? "unknown defect" : defects[i].text;
}
