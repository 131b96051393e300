"""SIP messages, their headers, multipart SDP, MRAS and provisioning bodies."""

from helpers import TestCase, data, read, uclog

DRAFT6 = [  # component, transport, qvalue, address, port of the INVITE's candidates
    (1, "UDP", 0.83, "192.168.1.10", 50000), (2, "UDP", 0.83, "192.168.1.10", 50014),
    (1, "TCP", 0.19, "192.168.1.7", 50746), (2, "TCP", 0.19, "192.168.1.7", 50746),
    (1, "UDP", 0.49, "192.168.1.7", 52545), (2, "UDP", 0.49, "192.168.1.7", 53966),
    (1, "TCP", 0.25, "192.168.1.10", 50010), (2, "TCP", 0.25, "192.168.1.10", 50010),
]


def seed_messages(name="seed.uccapilog"):
    with uclog.open(data(name)) as log:
        return list(log.messages())


class Headers(TestCase):
    def test_header_lookup(self):
        sub, ok, svc, svc_ok, inv = seed_messages()
        self.assertEqual(sub.header("Call-ID"), "8a9fb943e213456482dbede7bc8ea467")
        self.assertEqual(sub.header("call-id"), sub.header("i"))      # case, compact form
        self.assertEqual(sub.header_all("Supported"),
                         ["com.microsoft.autoextend", "ms-benotify", "ms-piggyback-first-notify"])
        self.assertIsNone(sub.header("X-Nope"))
        self.assertEqual(sub.header("X-Nope", ""), "")
        self.assertEqual(sub.headers[0], ("Via", "SIP/2.0/TLS 192.168.1.10:1259"))
        self.assertEqual(ok.header("ms-user-logon-data"), "RemoteUser")

    def test_typed_fields(self):
        sub, ok, svc, svc_ok, inv = seed_messages()
        self.assertEqual(sub.start_line, "SUBSCRIBE sip:bart@litwareinc.com SIP/2.0")
        self.assertEqual((sub.method, sub.uri, sub.version),
                         ("SUBSCRIBE", "sip:bart@litwareinc.com", "SIP/2.0"))
        self.assertEqual((ok.status, ok.reason, ok.is_request), (200, "OK", False))
        self.assertEqual(sub.cseq, (1, "SUBSCRIBE"))
        self.assertEqual(sub.from_, uclog.NameAddr(None, "sip:bart@litwareinc.com", "a8a3ea681b",
                                                   "3c465b617a"))
        self.assertEqual(ok.from_.display, "Bart Duncan")
        self.assertEqual(ok.to.tag, "AB7E8D4E")
        self.assertEqual(sub.vias, (uclog.Via("TLS", "192.168.1.10", 1259, ""),))
        self.assertEqual(ok.vias[0].param("ms-received-cid"), "C00")
        self.assertEqual(sub.event, "vnd-microsoft-provisioning-v2")
        self.assertEqual(sub.expires, 0)
        self.assertEqual(sub.content_length, 327)
        self.assertEqual(len(sub.body), 327)
        self.assertEqual(sub.body_span.line, 22)
        self.assertTrue(sub.user_agent.startswith("UCCAPI/3.5.6874.0"))
        self.assertFalse(sub.is_remote_user)
        self.assertTrue(ok.is_remote_user)
        self.assertEqual(ok.logon_data, "RemoteUser")
        self.assertTrue(ok.contact.uri.startswith("sip:pool01.litwareinc.com:5061"))
        self.assertEqual(inv.content_type, "multipart/alternative")
        self.assertTrue(ok.is_response_to(sub))
        self.assertFalse(svc_ok.is_response_to(sub))

    def test_parse_sip_alone(self):
        raw = (b"\r\nSIP/2.0 480 Temporarily Unavailable\r\nCall-ID: abc\r\nCSeq: 2 INVITE\r\n"
               b"ms-diagnostics: 1034;reason=\"Previous hop federated peer did not report "
               b"diagnostic information\";Domain=\"example.com\";source=\"sip.example.com\"\r\n"
               b"ms-client-diagnostics: 23;reason=\"Call failed, ICE\";CallerMediaDebug="
               b"\"audio:ICEWarn=0x40,LocalSite=10.0.0.2:50010\"\r\nContent-Length: 0\r\n\r\n")
        m = uclog.parse_sip(raw, base=uclog.Span(1000, 0, 40, 1, 2))
        self.assertEqual((m.status, m.reason), (480, "Temporarily Unavailable"))
        self.assertEqual((m.span.offset, m.span.line, m.span.file), (1002, 41, 2))
        d0, d1 = m.diagnostics
        self.assertEqual((d0.header, d0.error_id, d0.sub_id, d0.source),
                         ("ms-diagnostics", 1034, None, "sip.example.com"))
        self.assertEqual(d0.param("Domain"), "example.com")
        self.assertEqual((d1.header, d1.error_id), ("ms-client-diagnostics", 23))
        self.assertEqual(d1.media_debug("ICEWarn"), ("0x40", "audio"))
        self.assertEqual(m.sdp(), [])
        self.assertIsNone(m.mras())


class Bodies(TestCase):
    def test_invite_sdp_draft6_candidates(self):
        inv = seed_messages()[4]
        self.assertEqual(len(inv.parts), 1)
        part = inv.parts[0]
        self.assertEqual(part.content_type, "application/sdp")
        self.assertTrue(part.is_2007_fallback)
        self.assertEqual(part.body_span.offset, 10163)
        (offer,) = inv.sdp()
        self.assertTrue(offer.is_2007_fallback)
        self.assertEqual((offer.span.offset, offer.span.line), (10163, 159))
        self.assertEqual(offer.defects, ())
        (audio,) = offer.media
        self.assertEqual(audio.type, "audio")
        got = [(c.component, c.transport, c.qvalue, c.address, c.port) for c in audio.candidates]
        self.assertEqual(got, DRAFT6)
        for c in audio.candidates:
            self.assertEqual((c.form, c.attribute, c.type), ("draft6", "candidate", "unknown"))
            self.assertIsNone(c.priority)
            self.assertIsNone(c.foundation)
            self.assertIsNone(c.raddr)
            self.assertEqual(len(c.password), 22)
        self.assertEqual(audio.candidates[0].span.line, 167)
        self.assertEqual(sp_text(read("seed.uccapilog"), audio.candidates[0].span),
                         "a=candidate:" + audio.candidates[0].raw)

    def test_mras_request_and_response(self):
        sub, ok, svc, svc_ok, inv = seed_messages()
        req, resp = svc.mras(), svc_ok.mras()
        self.assertEqual(req.kind, "request")
        (cr,) = req.credentials_requests
        self.assertEqual((cr.identity, cr.location, cr.duration),
                         ("sip:bart@litwareinc.com", "internet", 480))
        self.assertEqual(resp.kind, "response")
        self.assertEqual((resp.reason_phrase, resp.reason), ("OK", "OK"))
        (relay,) = resp.relays
        self.assertEqual((relay.host_kind, relay.host, relay.udp_port, relay.tcp_port),
                         ("hostName", "avedge.litwareinc.com", 3478, 443))
        self.assertEqual(resp.credentials_responses[0].duration, 480)
        self.assertEqual(relay.host_span.line, 120)
        self.assertIsNone(sub.mras())
        self.assertIsNone(inv.mras())

    def test_provisioning(self):
        sub, ok = seed_messages()[:2]
        asked = sub.provisioning()
        self.assertEqual(asked.kind, "request")
        self.assertEqual([g.name for g in asked.groups],
                         ["ServerConfiguration", "meetingPolicy", "ucPolicy",
                          "publicationGrammar", "userSetting"])
        got = ok.provisioning()
        self.assertEqual(got.kind, "response")
        self.assertEqual(got.lookup("ServerConfiguration", "mrasUri"),
                         "sip:edgesrv.litwareinc.com@litwareinc.com;gruu;"
                         "opaque=srvr:MRAS:P2nY_WtqnEGPHhBbcYD8VQAA")
        self.assertEqual(got.span.line, 43)
        self.assertIsNone(seed_messages("seed-no-mras.uccapilog")[1].provisioning()
                          .lookup("ServerConfiguration", "mrasUri"))


def sp_text(raw, span):
    return raw[span.offset:span.end].decode()


class Values(TestCase):
    def test_value_parsers(self):
        self.assertEqual(uclog.param('<sip:a@b>;tag=x;epid="q"', "epid"), "q")
        self.assertIsNone(uclog.param("<sip:a@b;tag=in>", "tag"))
        self.assertEqual(uclog.split_list('a, "b,c" , <d,e>'), ["a", '"b,c"', "<d,e>"])
        self.assertEqual(uclog.unfold("a\r\n  b"), "a b")
        self.assertEqual(uclog.parse_u64(" 0x1F "), 31)
        self.assertIsNone(uclog.parse_u64("x"))
        self.assertEqual(uclog.name_addr('"Bart" <sip:bart@x>;tag=1'),
                         ("Bart", "sip:bart@x", ";tag=1"))
        self.assertIsNone(uclog.name_addr("<sip:unclosed"))
        self.assertEqual(uclog.content_type("multipart/alternative;boundary=x")[:2],
                         ("multipart", "alternative"))
        scheme, params = uclog.auth('NTLM qop="auth", realm="SIP Communications Service"')
        self.assertEqual(scheme, "NTLM")
        self.assertEqual(uclog.auth_param(params, "realm"), "SIP Communications Service")
        self.assertEqual(uclog.via("SIP/2.0/TCP [2001:db8::1]:5061;branch=z9"),
                         uclog.Via("TCP", "2001:db8::1", 5061, ";branch=z9"))
        self.assertEqual(uclog.diag_entry('1009.3; reason ="x,y"').sub_id, 3)
        self.assertTrue(uclog.line_is_header("11/21/2008|23:31:10.381 190:4FC INFO  :: x"))
        self.assertFalse(uclog.line_is_header("Via: SIP/2.0/TLS"))
        f = uclog.parse_framing("Data Received - 192.168.1.5:5061 (To Local Address: "
                                "192.168.1.10:1259) 3110 bytes:")
        self.assertEqual((f.direction, f.is_end, f.remote, f.local, f.declared_bytes),
                         ("received", False, ("192.168.1.5", 5061), ("192.168.1.10", 1259), 3110))
        self.assertIsNone(uclog.parse_framing("hello"))

    def test_addresses(self):
        self.assertEqual(uclog.addr_family("192.168.1.10"), "ipv4")
        self.assertEqual(uclog.addr_family("fe80::1%12"), "ipv6")
        self.assertEqual(uclog.addr_family("avedge.litwareinc.com"), "hostname")
        self.assertEqual(uclog.addr_family("1.2.3"), "invalid")
        self.assertEqual(uclog.addr_class("192.168.1.10"), "PRIVATE")
        self.assertEqual(uclog.addr_class("140.242.214.33"), "PUBLIC")
        self.assertTrue(uclog.addr_equal("::ffff:192.0.2.1", "192.0.2.1"))
        self.assertFalse(uclog.addr_equal("x..y", "x..y"))
        self.assertEqual(uclog.addr_parse("192.0.2.1"), bytes(10) + b"\xff\xff\xc0\x00\x02\x01")
        with self.assertRaises(uclog.Error) as cm:
            uclog.addr_parse("host.example")
        self.assertEqual(cm.exception.code, uclog.E_FORMAT)


def _eager_messages(log):
    """Every message with all its fields copied when made (no lazy field)."""
    from uclog import _clib
    from uclog._common import lib
    from uclog._sip import SipMessage
    return list(log._walk(lib.uclog_msg_iter_new, lib.uclog_msg_iter_next, lib.uclog_msg_iter_free,
                          _clib.MsgIterP, (_clib.SipP, _clib.PacketP),
                          lambda sip, pkt: SipMessage(sip, pkt, log._limits, _lazy=False)))


# What a message is, whoever parsed it (the packet's fields and the defects of text before the
# start line aside).
_MESSAGE_FIELDS = ("raw", "span", "start_line", "method", "uri", "status", "reason", "call_id", "cseq",
                   "headers", "body", "body_span", "parts", "vias", "content_type", "content_length",
                   "diagnostics", "from_", "to", "contact")


class Lazy(TestCase):
    """A message copies its headers, body, parts and most typed fields when
    one is first read, from its bytes parsed again: the values must be the
    ones a copy made at once from the log has, positions included."""

    def fields(self, m):
        from uclog._sip import _LAZY
        return {k: getattr(m, k) for k in sorted(_LAZY | set(vars(m)))}

    def test_every_fixture_same_as_copied_at_once(self):
        import glob
        import os
        paths = sorted(p for p in glob.glob(os.path.join(data(), "**", "*.uccapilog"), recursive=True)
                       if os.path.isfile(p))
        self.assertGreater(len(paths), 50)
        compared = with_parts = overruled = 0
        for path in paths:
            with self.subTest(path=os.path.relpath(path, data())):
                with uclog.open(path) as log:
                    eager = _eager_messages(log)
                    lazy = list(log.messages())
                    idx = log.index()
                    again = [idx.message(i) for i in range(len(idx))]
                    idx.close()
                self.assertEqual(len(lazy), len(eager))
                self.assertEqual(len(again), len(eager))
                for a, b in zip(again, eager):  # the index's parse, as the packet gave it
                    self.assertEqual({k: getattr(a, k) for k in _MESSAGE_FIELDS},
                                     {k: getattr(b, k) for k in _MESSAGE_FIELDS})
                for a, b in zip(lazy, eager):
                    # not copied until read, unless the framing overruled Content-Length (215)
                    beyond = any(d.code == 215 for d in a.defects)
                    self.assertEqual("headers" in vars(a), beyond)
                    overruled += beyond
                    self.assertEqual(self.fields(a), self.fields(b))
                    compared += 1
                    with_parts += bool(a.parts)
        self.assertGreater(compared, 300)
        self.assertGreater(with_parts, 5)
        self.assertGreater(overruled, 0)

    def test_limits_of_the_log_apply(self):
        # the lazy copy is parsed under the log's limits, not the defaults
        with uclog.open(data("seed.uccapilog"), limits={"max_sip_headers": 3}) as log:
            lazy = list(log.messages())
            eager = _eager_messages(log)
        self.assertEqual([len(m.headers) for m in lazy], [len(m.headers) for m in eager])
        self.assertEqual({len(m.headers) for m in lazy}, {3})
        self.assertTrue(all(any(d.name == "SIP_TOO_MANY_HEADERS" for d in m.defects) for m in lazy),
                        [m.defects for m in lazy])

    def test_body_beyond_content_length_with_the_defects_full(self):
        # the framing overruled Content-Length, and the defect saying so was dropped (over 1024
        # defects): the message still copies at once, not from its bytes parsed alone
        msg = ("SIP/2.0 200 OK\r\nCall-ID: capped\r\nCSeq: 2 REGISTER\r\n"
               + "".join("bad line %d\r\n" % i for i in range(1100))
               + "Content-Length: 5\r\n\r\nhello world, not SIP\r\n").encode()
        frame = b"%d bytes" % len(msg)
        head = b"01/15/2012|11:30:10.100 1384:11C0 INFO  :: "
        log_bytes = (head + b"Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) "
                     + frame + b":\r\n" + head + msg + head
                     + b"End of Data Received - 192.168.1.5:5061 (To Local Address: 192.168.1.10:1259) "
                     + frame + b"\r\n")
        with uclog.open_buffer(log_bytes) as log:
            eager = _eager_messages(log)
            (m,) = list(log.messages())
        self.assertNotIn(215, [d.code for d in m.defects])   # dropped: the list is full
        self.assertIn("headers", vars(m))                      # copied at once all the same
        self.assertEqual(m.body, b"hello world, not SIP\r\n")
        self.assertEqual(self.fields(m), self.fields(eager[0]))

    def test_a_field_set_by_the_caller_stays(self):
        m = seed_messages()[0]
        m.body = b""
        self.assertGreater(len(m.headers), 5)                  # the others copied now
        self.assertEqual(m.body, b"")

    def test_limits_are_the_logs_own_copy(self):
        limits = {"max_sip_headers": 3}
        with uclog.open(data("seed.uccapilog"), limits=limits) as log:
            limits["max_sip_headers"] = 1000                   # after opening: no effect
            m = next(iter(log.messages()))
        self.assertEqual(len(m.headers), 3)
        # the on-demand parses follow them too
        self.assertIsNone(m.header("Content-Length"))
        with uclog.open(data("seed.uccapilog")) as log:
            self.assertIsNotNone(next(iter(log.messages())).header("Content-Length"))

    def test_copy_and_pickle_before_reading(self):
        import copy
        import pickle
        m = seed_messages()[0]
        for c in (pickle.loads(pickle.dumps(m)), copy.copy(m), copy.deepcopy(m)):
            self.assertNotIn("headers", vars(c))
            self.assertEqual(self.fields(c), self.fields(m))
        with self.assertRaises(AttributeError):
            m.no_such_field
        self.assertFalse(hasattr(m, "_no_such_private"))
