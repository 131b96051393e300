/**
 * @file uclog/uclog.h
 * @brief The umbrella header: includes every public header of libuclog.
 *
 * @mainpage uclog
 * uclog reads the trace logs of Office Communicator 2007/R2, Lync and Skype
 * for Business clients (`*.uccapilog`): records, the SIP messages they
 * carry, SDP candidates, MRAS and provisioning XML. Start with log.h;
 * doc/design.md is the map of the layers and decisions.
 */
#ifndef UCLOG_UCLOG_H
#define UCLOG_UCLOG_H

#include <uclog/common.h>
#include <uclog/errors.h>
#include <uclog/version.h>
#include <uclog/log.h>
#include <uclog/follow.h>
#include <uclog/sip.h>
#include <uclog/packet.h>
#include <uclog/index.h>
#include <uclog/addr.h>
#include <uclog/sdp.h>
#include <uclog/xml.h>
#include <uclog/mras.h>
#include <uclog/prov.h>
#include <uclog/reporterror.h>
#include <uclog/redact.h>

#endif
