"""Stand-alone SDP and XML bodies (tests/data/sdp, tests/data/xml)."""

from helpers import TestCase, read, uclog


class Sdp(TestCase):
    def test_sfb_relay_rfc5245(self):
        offer = uclog.parse_sdp(read("sdp", "sfb-relay.sdp"))
        self.assertEqual(offer.connection, ("IP4", "172.21.5.64"))
        (m,) = offer.media
        self.assertEqual((m.type, m.port, m.proto), ("audio", 18984, "RTP/AVP"))
        self.assertEqual(m.formats, ("114", "9", "0", "8", "101"))
        self.assertEqual((m.ice_ufrag, m.ice_pwd), ("Zr6T", "q0Xm7Bv2Lw9sKd4Ep1Ha8Ny3"))
        self.assertEqual((m.encryption, m.encryption_raw), ("optional", "optional"))
        self.assertEqual(m.diagnostics, (53000, "Insufficient Bandwidth Available",
                                         '53000;reason="Insufficient Bandwidth Available"'))
        self.assertEqual(m.remote_candidates,
                         ((1, "140.242.214.40", 55012), (2, "140.242.214.40", 55013)))
        host, udp, tpass, tact = m.candidates
        self.assertEqual((host.form, host.foundation, host.type, host.priority, host.qvalue),
                         ("rfc5245", "1", "host", 2130706431, None))
        self.assertEqual((udp.type, udp.address, udp.port, udp.raddr, udp.rport),
                         ("relay", "140.242.214.33", 57234, "172.21.5.64", 18984))
        self.assertEqual((tpass.transport, tact.transport), ("TCP-PASS", "TCP-ACT"))
        self.assertEqual(tact.extensions, (("generation", "0"),))
        self.assertEqual(m.attribute("rtpmap"), "114 x-msrta/16000")

    def test_base_position_and_defects(self):
        offer = uclog.parse_sdp(b"v=0\r\nbogus\r\nm=audio 1 RTP/AVP 0\r\n"
                                b"a=candidate:1 1 UDP 1 10.0.0.1 99999 typ host\r\n",
                                base=uclog.Span(500, 0, 10, 5, 1))
        self.assertEqual([(d.name, d.span.line, d.span.file) for d in offer.defects],
                         [("SDP_LINE_MALFORMED", 11, 1), ("SDP_CANDIDATE_PORT_RANGE", 13, 1)])
        self.assertEqual(offer.media[0].candidates, ())
        self.assertEqual(uclog.parse_sdp(b"").media, ())


class Xml(TestCase):
    def test_mras_files(self):
        two = uclog.parse_mras(read("xml", "mras-two-relays.xml"))
        self.assertEqual([(r.location, r.host_kind, r.host) for r in two.relays],
                         [("intranet", "directIPAddress", "10.0.0.25"),
                          ("internet", "hostName", "avedge.litwareinc.com")])
        forbidden = uclog.parse_mras(read("xml", "mras-forbidden.xml"))
        self.assertEqual((forbidden.reason, forbidden.credentials_responses),
                         ("Forbidden", ()))
        bad = uclog.parse_mras(read("xml", "mras-request-malformed.xml"))
        self.assertEqual((bad.reason, bad.request_id), ("Request Malformed", None))

    def test_provisioning_shapes(self):
        p = uclog.parse_provisioning(read("xml", "prov-shapes.xml"))
        self.assertEqual([(g.name, g.shape) for g in p.groups],
                         [("ServerConfiguration", "elements"), ("meetingPolicy", "instance"),
                          ("endpointConfiguration", "entry-list"), ("userSetting", None)])
        self.assertEqual(p.lookup("endpointConfiguration", "EnableTracing"), "true")
        self.assertEqual(p.group("meetingPolicy").get("MaxVideoConferenceResolution"), "VGA")
        self.assertIsNone(p.group("nope"))

    def test_provisioning_until(self):
        body = read("xml", "prov-shapes.xml")
        p = uclog.parse_provisioning(body, until="ServerConfiguration")
        self.assertEqual([g.name for g in p.groups], ["ServerConfiguration"])
        self.assertTrue(p.lookup("ServerConfiguration", "mrasUri").startswith("sip:edgesrv."))
        p = uclog.parse_provisioning(body, until="endpointConfiguration")
        self.assertEqual(len(p.groups), 3)
        # damage after the group: only the stopping parse reads it
        cut = body.index(b"<provisionGroup name=\"meetingPolicy\">")
        bad = body[:cut] + b"<<" + body[cut:]
        with self.assertRaises(uclog.Error) as e:
            uclog.parse_provisioning(bad)
        self.assertEqual(e.exception.code, uclog.E_XML)
        self.assertEqual(e.exception.span.line, 5)
        self.assertEqual(len(uclog.parse_provisioning(bad, until="ServerConfiguration").groups), 1)

    def test_error_report(self):
        r = uclog.parse_error_report(read("xml", "reporterror.xml"))
        (e,) = r.errors
        self.assertEqual(e.get("callId"), "e41f3fa11696494d90130b78761b202c")
        self.assertEqual(e.get("toTag"), "")
        self.assertEqual(e.response_code, 488)
        self.assertEqual(e.diag_headers,
                         ('52017;reason="Encryption levels dont match";source="192.168.1.10"',))
        self.assertEqual(len(e.progress), 2)
        self.assertEqual(uclog.diag_entry(e.progress[0]).error_id, 22)
