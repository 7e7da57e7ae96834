using System.Buffers;

namespace GeoCredit.Protocols.Jt808;

/// <summary>Where a terminal's connection stands (JT/T 808-2019, 5: connection; 7.2: terminal management).</summary>
public enum Jt808SessionState
{
    /// <summary>The TCP connection is open; the terminal has neither registered nor authenticated.</summary>
    Connected,

    /// <summary>The terminal registered on this connection and holds an auth code, but has not authenticated.</summary>
    Registered,

    /// <summary>The terminal authenticated: its reports are accepted.</summary>
    Authenticated,

    /// <summary>The terminal logged out or the server closed the connection; nothing more is handled.</summary>
    Closed,
}

/// <summary>
/// Which terminals and vehicles the platform knows. The server supplies it; the session only asks. Called
/// synchronously from the connection's read loop, so an implementation backed by a database answers from a cache.
/// </summary>
public interface IJt808TerminalRegistry
{
    /// <summary>Decides a registration (0x0100). On success, returns the auth code the terminal will present.</summary>
    Jt808RegistrationDecision Register(Jt808TerminalNumber terminal, Jt808Registration registration);

    /// <summary>Whether the auth code (0x0102) is the one this terminal was given.</summary>
    bool Authenticate(Jt808TerminalNumber terminal, Jt808Authentication authentication);
}

/// <summary>A registry's answer to a registration: the result, and on success the auth code.</summary>
public readonly record struct Jt808RegistrationDecision(Jt808RegistrationResult Result, string? AuthCode);

public enum Jt808ReplyKind
{
    /// <summary>The message needs no reply (a terminal's own general reply).</summary>
    None,

    /// <summary>A platform general reply 0x8001.</summary>
    General,

    /// <summary>A registration reply 0x8100.</summary>
    Registration,
}

/// <summary>The reply a terminal message needs, ready to write with the connection's next platform serial.</summary>
/// <param name="Kind">Which message to send, if any.</param>
/// <param name="Request">The header of the terminal's message: the reply's addressee and what it answers.</param>
/// <param name="Result">For <see cref="Jt808ReplyKind.General"/>: the 0x8001 result.</param>
/// <param name="RegistrationResult">For <see cref="Jt808ReplyKind.Registration"/>: the 0x8100 result.</param>
/// <param name="AuthCode">For a successful registration: the auth code to send.</param>
/// <param name="CloseAfterReply">True after a logout: send the reply, then close the connection.</param>
public readonly record struct Jt808Reply(
    Jt808ReplyKind Kind,
    Jt808Header Request,
    Jt808ReplyResult Result = Jt808ReplyResult.Success,
    Jt808RegistrationResult RegistrationResult = Jt808RegistrationResult.Success,
    string? AuthCode = null,
    bool CloseAfterReply = false)
{
    /// <summary>Writes the reply frame and returns its length; nothing for <see cref="Jt808ReplyKind.None"/>.</summary>
    public int WriteTo(IBufferWriter<byte> output, ushort platformSerial) => Kind switch
    {
        Jt808ReplyKind.General => Jt808FrameWriter.WritePlatformReply(output, Request, platformSerial, Result),
        Jt808ReplyKind.Registration =>
            Jt808FrameWriter.WriteRegistrationReply(output, Request, platformSerial, RegistrationResult, AuthCode),
        _ => 0,
    };
}

/// <summary>
/// The protocol state of one terminal connection: Connected, then Registered and/or Authenticated, then Closed.
/// For each message it decides the reply and moves the state; the server writes the reply and does the rest
/// (storing positions, counting refusals). Location reports (0x0200, 0x0704) are accepted only once
/// authenticated; heartbeats are acknowledged in every open state, being only a sign of life.
/// </summary>
/// <remarks>
/// <para>
/// Every state change goes through one guard, which throws <see cref="InvalidOperationException"/> naming the
/// current state when the change is not allowed; deciding a message in the Closed state is such a change.
/// That is a server bug (it must stop reading after <see cref="Jt808Reply.CloseAfterReply"/>), not bad input.
/// </para>
/// <para>
/// Sub-packaged messages are decided once reassembled (see <see cref="Jt808SubPackageAssembler"/>). Not
/// thread-safe: one session per connection, used from its read loop.
/// </para>
/// </remarks>
public sealed class Jt808Session(IJt808TerminalRegistry registry)
{
    private Jt808TerminalNumber? _terminal;

    public Jt808SessionState State { get; private set; } = Jt808SessionState.Connected;

    /// <summary>The terminal bound to this connection by a registration or authentication, once there is one.</summary>
    public Jt808TerminalNumber? Terminal => _terminal;

    public Jt808Reply Decide(in Jt808Frame frame) => Decide(frame.Header, frame.Body);

    /// <summary>Decides the reply to one whole message and makes the state change it implies.</summary>
    public Jt808Reply Decide(in Jt808Header header, ReadOnlySpan<byte> body)
    {
        Guard(State != Jt808SessionState.Closed, $"handle message {Jt808MessageIds.Format(header.MessageId)}");

        if (!Jt808MessageIds.IsSupported(header.MessageId) || header.Encryption != 0)
        {
            return General(header, Jt808ReplyResult.Unsupported);
        }

        // Once a terminal is bound, a frame with another number on the same connection is not believed.
        if (_terminal is { } bound && bound != header.Terminal)
        {
            return General(header, Jt808ReplyResult.Failure);
        }

        return header.MessageId switch
        {
            Jt808MessageIds.TerminalGeneralReply => new Jt808Reply(Jt808ReplyKind.None, header),
            Jt808MessageIds.Heartbeat => General(header, Jt808ReplyResult.Success),
            Jt808MessageIds.Logout => Logout(header),
            Jt808MessageIds.Registration => Register(header, body),
            Jt808MessageIds.Authentication => Authenticate(header, body),
            _ => General(header, State == Jt808SessionState.Authenticated
                ? Jt808ReplyResult.Success
                : Jt808ReplyResult.Failure),
        };
    }

    /// <summary>The reply to a message whose body the server could not decode: 0x8001 "message error".</summary>
    public Jt808Reply RefuseMalformed(in Jt808Header header)
    {
        Guard(State != Jt808SessionState.Closed, $"refuse message {Jt808MessageIds.Format(header.MessageId)}");
        return General(header, Jt808ReplyResult.MessageError);
    }

    /// <summary>Ends the session (the connection closed); closing twice is allowed.</summary>
    public void Close() => MoveTo(Jt808SessionState.Closed);

    private Jt808Reply Logout(in Jt808Header header)
    {
        MoveTo(Jt808SessionState.Closed);
        return General(header, Jt808ReplyResult.Success) with { CloseAfterReply = true };
    }

    private Jt808Reply Register(in Jt808Header header, ReadOnlySpan<byte> body)
    {
        if (!Jt808Registration.TryDecode(body, header.Version, out var registration, out _))
        {
            return General(header, Jt808ReplyResult.MessageError);
        }

        var decision = registry.Register(header.Terminal, registration!);
        if (decision.Result == Jt808RegistrationResult.Success)
        {
            _terminal = header.Terminal;

            // A terminal that registers again after authenticating keeps its authenticated connection.
            if (State != Jt808SessionState.Authenticated)
            {
                MoveTo(Jt808SessionState.Registered);
            }
        }

        return new Jt808Reply(Jt808ReplyKind.Registration, header, RegistrationResult: decision.Result,
            AuthCode: decision.Result == Jt808RegistrationResult.Success ? decision.AuthCode : null);
    }

    private Jt808Reply Authenticate(in Jt808Header header, ReadOnlySpan<byte> body)
    {
        if (!Jt808Authentication.TryDecode(body, header.Version, out var authentication, out _))
        {
            return General(header, Jt808ReplyResult.MessageError);
        }

        if (!registry.Authenticate(header.Terminal, authentication!))
        {
            return General(header, Jt808ReplyResult.Failure);
        }

        _terminal = header.Terminal;
        MoveTo(Jt808SessionState.Authenticated);
        return General(header, Jt808ReplyResult.Success);
    }

    private void MoveTo(Jt808SessionState target)
    {
        var allowed = (State, target) switch
        {
            (_, Jt808SessionState.Closed) => true,
            (Jt808SessionState.Connected or Jt808SessionState.Registered, Jt808SessionState.Registered) => true,
            (not Jt808SessionState.Closed, Jt808SessionState.Authenticated) => true,
            _ => false,
        };
        Guard(allowed, $"move to {target}");
        State = target;
    }

    private void Guard(bool allowed, string action)
    {
        if (!allowed)
        {
            ThrowIllegal(action);
        }
    }

    private void ThrowIllegal(string action) =>
        throw new InvalidOperationException($"A JT/T 808 session in state {State} cannot {action}.");

    private static Jt808Reply General(in Jt808Header header, Jt808ReplyResult result) =>
        new(Jt808ReplyKind.General, header, result);
}
