using System.Buffers;
using System.Text;
using GeoCredit.Protocols.Jt808;
using static GeoCredit.Protocols.Tests.Jt808.Jt808TestFrames;

namespace GeoCredit.Protocols.Tests.Jt808;

public sealed class Jt808SessionTests
{
    private const string Terminal = "013912344323";

    private readonly FakeRegistry _registry = new();

    [Fact]
    public void Session_registration_then_authentication_then_reports_are_accepted()
    {
        var session = new Jt808Session(_registry);

        var registered = session.Decide(Message(0x0100, RegistrationBody(), serial: 1));
        var stateAfterRegistration = session.State;
        var authenticated = session.Decide(Message(0x0102, Encoding.ASCII.GetBytes(registered.AuthCode!), serial: 2));
        var stateAfterAuthentication = session.State;
        var report = session.Decide(Message(0x0200, LocationBody(), serial: 3));
        var batch = session.Decide(Message(0x0704, [0, 0, 0], serial: 4));

        Assert.Equal(Jt808ReplyKind.Registration, registered.Kind);
        Assert.Equal(Jt808RegistrationResult.Success, registered.RegistrationResult);
        Assert.Equal("AUTH-013912344323", registered.AuthCode);
        Assert.Equal(Jt808SessionState.Registered, stateAfterRegistration);
        Assert.Equal((Jt808ReplyKind.General, Jt808ReplyResult.Success), (authenticated.Kind, authenticated.Result));
        Assert.Equal(Jt808SessionState.Authenticated, stateAfterAuthentication);
        Assert.Equal((Jt808ReplyKind.General, Jt808ReplyResult.Success), (report.Kind, report.Result));
        Assert.Equal(3, report.Request.Serial);
        Assert.Equal(Jt808ReplyResult.Success, batch.Result);
        Assert.Equal(Jt808TerminalNumber.Parse(Terminal), session.Terminal);
    }

    [Fact]
    public void Session_terminal_that_registered_earlier_authenticates_directly()
    {
        var session = new Jt808Session(_registry);

        var reply = session.Decide(Message(0x0102, "AUTH-013912344323"u8.ToArray()));

        Assert.Equal(Jt808ReplyResult.Success, reply.Result);
        Assert.Equal(Jt808SessionState.Authenticated, session.State);
    }

    [Fact]
    public void Session_location_report_before_authentication_gets_failure()
    {
        var session = new Jt808Session(_registry);
        session.Decide(Message(0x0100, RegistrationBody()));

        var reply = session.Decide(Message(0x0200, LocationBody()));

        Assert.Equal((Jt808ReplyKind.General, Jt808ReplyResult.Failure), (reply.Kind, reply.Result));
        Assert.Equal(Jt808SessionState.Registered, session.State);
    }

    [Fact]
    public void Session_wrong_auth_code_gets_failure_and_stays_unauthenticated()
    {
        var session = new Jt808Session(_registry);

        var reply = session.Decide(Message(0x0102, "guess"u8.ToArray()));

        Assert.Equal(Jt808ReplyResult.Failure, reply.Result);
        Assert.Equal(Jt808SessionState.Connected, session.State);
    }

    [Fact]
    public void Session_registration_the_registry_refuses_gets_its_result_without_auth_code()
    {
        _registry.Known = false;
        var session = new Jt808Session(_registry);

        var reply = session.Decide(Message(0x0100, RegistrationBody()));

        Assert.Equal(Jt808RegistrationResult.NoSuchTerminal, reply.RegistrationResult);
        Assert.Null(reply.AuthCode);
        Assert.Equal(Jt808SessionState.Connected, session.State);
    }

    [Fact]
    public void Session_malformed_registration_gets_message_error()
    {
        var session = new Jt808Session(_registry);

        var reply = session.Decide(Message(0x0100, [1, 2, 3]));

        Assert.Equal((Jt808ReplyKind.General, Jt808ReplyResult.MessageError), (reply.Kind, reply.Result));
    }

    [Fact]
    public void Session_unsupported_message_gets_result_unsupported()
    {
        var session = Authenticated();

        var reply = session.Decide(Message(0x0900, [0xF0, 1, 2]));

        Assert.Equal((Jt808ReplyKind.General, Jt808ReplyResult.Unsupported), (reply.Kind, reply.Result));
    }

    [Fact]
    public void Session_heartbeat_is_acknowledged_and_terminal_reply_needs_no_answer()
    {
        var session = new Jt808Session(_registry);

        var heartbeat = session.Decide(Message(0x0002, []));
        var terminalReply = session.Decide(Message(0x0001, [0, 1, 0x81, 0x03, 0]));

        Assert.Equal(Jt808ReplyResult.Success, heartbeat.Result);
        Assert.Equal(Jt808ReplyKind.None, terminalReply.Kind);
    }

    [Fact]
    public void Session_frame_from_another_terminal_after_authentication_gets_failure()
    {
        var session = Authenticated();

        var reply = session.Decide(Message(0x0200, LocationBody(), terminal: "013900000000"));

        Assert.Equal(Jt808ReplyResult.Failure, reply.Result);
    }

    [Fact]
    public void Session_logout_is_acknowledged_then_closes()
    {
        var session = Authenticated();

        var reply = session.Decide(Message(0x0003, []));

        Assert.Equal(Jt808ReplyResult.Success, reply.Result);
        Assert.True(reply.CloseAfterReply);
        Assert.Equal(Jt808SessionState.Closed, session.State);
    }

    [Fact]
    public void Session_illegal_transition_throws_naming_the_state()
    {
        var session = Authenticated();
        session.Close();

        var error = Assert.Throws<InvalidOperationException>(() => session.Decide(Message(0x0200, LocationBody())));

        Assert.Contains("state Closed", error.Message, StringComparison.Ordinal);
        Assert.Contains("0x0200", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Session_refuse_malformed_gets_message_error()
    {
        var session = Authenticated();

        var reply = session.RefuseMalformed(Message(0x0200, [1]).Header);

        Assert.Equal(Jt808ReplyResult.MessageError, reply.Result);
    }

    [Fact]
    public void Session_reply_writes_a_frame_for_the_terminal()
    {
        var session = new Jt808Session(_registry);
        var reply = session.Decide(Message(0x0100, RegistrationBody(), serial: 0x21));
        var output = new ArrayBufferWriter<byte>();

        reply.WriteTo(output, platformSerial: 1);
        var read = Assert.Single(Jt808ReaderLoop.ReadAll(output.WrittenSpan.ToArray()));

        Assert.Equal(0x8100, read.Header.MessageId);
        Assert.Equal([0x00, 0x21, 0x00, .. "AUTH-013912344323"u8], read.Body);
    }

    private Jt808Session Authenticated()
    {
        var session = new Jt808Session(_registry);
        session.Decide(Message(0x0102, "AUTH-013912344323"u8.ToArray()));
        Assert.Equal(Jt808SessionState.Authenticated, session.State);
        return session;
    }

    private static ReadEvent Message(ushort id, byte[] body, ushort serial = 1, string terminal = Terminal) =>
        Assert.Single(Jt808ReaderLoop.ReadAll(Frame(Header2013(id, body.Length, terminal, serial), body)));

    private static byte[] RegistrationBody()
    {
        var body = new byte[37 + 7];
        "70111"u8.CopyTo(body.AsSpan(4));
        "GC-808"u8.CopyTo(body.AsSpan(9));
        "T000042"u8.CopyTo(body.AsSpan(29));
        body[36] = 1;
        "A12345"u8.CopyTo(body.AsSpan(37));
        return body;
    }

    private sealed class FakeRegistry : IJt808TerminalRegistry
    {
        public bool Known { get; set; } = true;

        public Jt808RegistrationDecision Register(Jt808TerminalNumber terminal, Jt808Registration registration) =>
            Known
                ? new Jt808RegistrationDecision(Jt808RegistrationResult.Success, $"AUTH-{terminal}")
                : new Jt808RegistrationDecision(Jt808RegistrationResult.NoSuchTerminal, null);

        public bool Authenticate(Jt808TerminalNumber terminal, Jt808Authentication authentication) =>
            Known && authentication.AuthCode == $"AUTH-{terminal}";
    }
}

internal static class Jt808SessionTestExtensions
{
    public static Jt808Reply Decide(this Jt808Session session, ReadEvent message) =>
        session.Decide(message.Header, message.Body);
}
