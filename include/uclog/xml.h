/**
 * @file uclog/xml.h
 * @brief The defect codes of the xml layer, shared by mras.h, prov.h and
 *        reporterror.h.
 *
 * The three XML readers report the same kinds of defects. Their codes were
 * declared in mras.h until 1.3; mras.h, prov.h and reporterror.h include
 * this header, so a program that includes any of them sees the codes as
 * before.
 * @since 1.3 (the header; the codes since 1.0)
 */
#ifndef UCLOG_XML_H
#define UCLOG_XML_H

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Defect codes of the xml layer (range 400-499), found while reading MRAS,
 * provisioning and error-report bodies. A defect never stops the parse.
 * uclog_defect_name() and uclog_defect_text() know them.
 */
enum uclog_xml_defect_code {
    /** A port, duration or code that is not a number in range. */
    UCLOG_DEFECT_XML_BAD_NUMBER = 401,
    /** A required element or attribute is missing. */
    UCLOG_DEFECT_XML_MISSING = 402,
    /** A once-only element appears again; the first is used. */
    UCLOG_DEFECT_XML_DUPLICATE = 403,
    /** A value outside the protocol's list (e.g. an unknown reasonPhrase). */
    UCLOG_DEFECT_XML_UNKNOWN_VALUE = 404
};

#ifdef __cplusplus
}
#endif

#endif
