using System;
using System.Configuration;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Web.Configuration;
using System.Web.Security;

namespace CallbackControls
{
    /// <summary>What a token check found.</summary>
    internal enum CallTokenCheck
    {
        /// <summary>Not a token this site issued for these purposes (malformed, forged, another page, control or user).</summary>
        Invalid,

        /// <summary>Issued by this site for these purposes, and still within its lifetime.</summary>
        Valid,

        /// <summary>Issued by this site for these purposes, but older than its lifetime.</summary>
        Expired,
    }

    /// <summary>
    /// The call token's format and its authentication, the same on every runtime: a version byte, the
    /// issue time, and an HMAC-SHA256 over both and over every purpose (length-prefixed, so no two
    /// lists of purposes read alike). Nothing in it is secret, so nothing is encrypted; everything in it
    /// is authenticated, and it is checked before any of it is believed. This replaces
    /// <c>MachineKey.Protect</c>, which is authenticated on .NET Framework but on Mono is AES-CBC without
    /// a MAC and threw for bad padding, a padding oracle that let tokens be forged.
    /// </summary>
    internal static class CallToken
    {
        /// <summary>The appSettings key that sets how long a token is accepted (a TimeSpan, such as 12:00:00).</summary>
        internal const string LifetimeSetting = "CallbackControls:TokenLifetime";

        /// <summary>How long a token is accepted when the site does not say.</summary>
        internal static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(12);

        private const byte Version = 2;
        private const int TimeLength = 8;
        private const int MacLength = 32;
        private const int TokenLength = 1 + TimeLength + MacLength;

        /// <summary>Base64url of <see cref="TokenLength"/> bytes, without padding.</summary>
        internal const int EncodedLength = (TokenLength * 4 + 2) / 3;

        /// <summary>Whether a header value has the one shape a token has; checked before anything else of a call.</summary>
        internal static bool HasShape(string token) => token != null && token.Length == EncodedLength;

        // The label the key is derived under. It starts with bytes no ViewState or forms-ticket
        // serializer writes first, so no other MAC the site computes with the same key is this one.
        private static readonly byte[] KeyLabel = Encoding.ASCII.GetBytes("\u0001\u0002CallbackControls.CallToken.Key.v2");

        private static readonly Lazy<byte[]> SiteKey = new Lazy<byte[]>(DeriveSiteKey, LazyThreadSafetyMode.ExecutionAndPublication);

        private static readonly Lazy<TimeSpan> ConfiguredLifetime = new Lazy<TimeSpan>(ReadLifetime, LazyThreadSafetyMode.ExecutionAndPublication);

        /// <summary>How long a token is accepted: the site's <see cref="LifetimeSetting"/>, or <see cref="DefaultLifetime"/>.</summary>
        internal static TimeSpan Lifetime => ConfiguredLifetime.Value;

        /// <summary>Issues a token for the purposes, issued at <paramref name="issuedUtc"/>.</summary>
        internal static string Issue(string[] purposes, DateTime issuedUtc) => Issue(SiteKey.Value, purposes, issuedUtc);

        /// <summary>Checks a token against the purposes at <paramref name="nowUtc"/>.</summary>
        /// <param name="token">The token as the client sent it.</param>
        /// <param name="purposes">What the token must have been issued for.</param>
        /// <param name="nowUtc">The time to judge its age at.</param>
        /// <param name="issuedUtc">When a genuine token was issued; undefined for an invalid one.</param>
        internal static CallTokenCheck Check(string token, string[] purposes, DateTime nowUtc, out DateTime issuedUtc) =>
            Check(SiteKey.Value, Lifetime, token, purposes, nowUtc, out issuedUtc);

        /// <summary>Issues a token with the given key (the site's, or a test's).</summary>
        internal static string Issue(byte[] key, string[] purposes, DateTime issuedUtc)
        {
            var bytes = new byte[TokenLength];
            bytes[0] = Version;
            WriteTime(bytes, 1, issuedUtc);
            var mac = Mac(key, bytes, purposes);
            Buffer.BlockCopy(mac, 0, bytes, 1 + TimeLength, MacLength);
            return Base64Url.Encode(bytes);
        }

        /// <summary>
        /// Checks a token with the given key and lifetime. Every token that is not genuine gets
        /// <see cref="CallTokenCheck.Invalid"/> by the same path, whatever is wrong with it; the age is
        /// judged only after the MAC has proved the issue time genuine.
        /// </summary>
        internal static CallTokenCheck Check(byte[] key, TimeSpan lifetime, string token, string[] purposes, DateTime nowUtc, out DateTime issuedUtc)
        {
            issuedUtc = default;
            if (!HasShape(token)) return CallTokenCheck.Invalid;
            var bytes = Base64Url.Decode(token);
            if (bytes == null || bytes.Length != TokenLength || bytes[0] != Version) return CallTokenCheck.Invalid;
            var expected = Mac(key, bytes, purposes);
            if (!FixedTimeEquals(expected, bytes, 1 + TimeLength)) return CallTokenCheck.Invalid;
            issuedUtc = ReadTime(bytes, 1);
            // A token from the future is one issued by a back end whose clock runs ahead: accepted
            // within the lifetime, as a farm's clocks are never exactly alike.
            var age = nowUtc - issuedUtc;
            return age > lifetime || -age > lifetime ? CallTokenCheck.Expired : CallTokenCheck.Valid;
        }

        /// <summary>Whether a genuine token is old enough to be replaced by a fresh one in its reply.</summary>
        internal static bool IsDueForRenewal(DateTime issuedUtc, DateTime nowUtc) => nowUtc - issuedUtc > TimeSpan.FromTicks(Lifetime.Ticks / 2);

        /// <summary>The HMAC over the token's first bytes (version and time) and every purpose, each length-prefixed.</summary>
        private static byte[] Mac(byte[] key, byte[] token, string[] purposes)
        {
            using (var hmac = new HMACSHA256(key))
            {
                hmac.TransformBlock(token, 0, 1 + TimeLength, null, 0);
                var length = new byte[4];
                foreach (var purpose in purposes)
                {
                    var text = Encoding.UTF8.GetBytes(purpose ?? string.Empty);
                    length[0] = (byte)(text.Length >> 24);
                    length[1] = (byte)(text.Length >> 16);
                    length[2] = (byte)(text.Length >> 8);
                    length[3] = (byte)text.Length;
                    hmac.TransformBlock(length, 0, 4, null, 0);
                    hmac.TransformBlock(text, 0, text.Length, null, 0);
                }
                hmac.TransformFinalBlock(new byte[0], 0, 0);
                return hmac.Hash;
            }
        }

        /// <summary>Compares the whole MAC whatever byte differs first, so the time taken says nothing of where.</summary>
        private static bool FixedTimeEquals(byte[] expected, byte[] token, int offset)
        {
            int difference = 0;
            for (int i = 0; i < expected.Length; i++) difference |= expected[i] ^ token[offset + i];
            return difference == 0;
        }

        private static void WriteTime(byte[] bytes, int offset, DateTime utc)
        {
            long seconds = (long)(utc - DateTime.SpecifyKind(new DateTime(1970, 1, 1), DateTimeKind.Utc)).TotalSeconds;
            for (int i = TimeLength - 1; i >= 0; i--)
            {
                bytes[offset + i] = (byte)seconds;
                seconds >>= 8;
            }
        }

        private static DateTime ReadTime(byte[] bytes, int offset)
        {
            long seconds = 0;
            for (int i = 0; i < TimeLength; i++) seconds = (seconds << 8) | bytes[offset + i];
            // Genuine (the MAC held), so within DateTime's range; clamped all the same.
            seconds = Math.Max(0, Math.Min(seconds, 253402300799L));
            return DateTime.SpecifyKind(new DateTime(1970, 1, 1), DateTimeKind.Utc).AddSeconds(seconds);
        }

        /// <summary>
        /// The site's token key: the MAC the site's machine key gives our label
        /// (<c>MachineKey.Encode</c> with validation only appends HMAC(validationKey, data) to the data,
        /// deterministically, on .NET Framework and on Mono). So every back end of a farm that shares a
        /// <c>&lt;machineKey&gt;</c> derives the same key, an auto-generated machine key gives each
        /// application its own, and the key itself is never read from configuration.
        /// </summary>
        private static byte[] DeriveSiteKey()
        {
#pragma warning disable CS0618 // Encode is obsolete for protecting data; here it is the one deterministic keyed MAC the framework exposes.
            var encoded = MachineKey.Encode(KeyLabel, MachineKeyProtection.Validation);
#pragma warning restore CS0618
            var bytes = FromHex(encoded);
            if (bytes == null || bytes.Length < KeyLabel.Length + 16)
                throw new InvalidOperationException("CallbackControls could not derive its call-token key from the site's machine key (MachineKey.Encode gave no MAC). Check <machineKey> in web.config.");
            var mac = new byte[bytes.Length - KeyLabel.Length];
            Buffer.BlockCopy(bytes, KeyLabel.Length, mac, 0, mac.Length);
            // One more HMAC gives a 32-byte key whatever validation algorithm the site uses.
            using (var hmac = new HMACSHA256(mac)) return hmac.ComputeHash(Encoding.ASCII.GetBytes("CallbackControls call token"));
        }

        private static byte[] FromHex(string hex)
        {
            if (hex == null || hex.Length % 2 != 0) return null;
            var bytes = new byte[hex.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                if (!byte.TryParse(hex.Substring(2 * i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out bytes[i])) return null;
            }
            return bytes;
        }

        private static TimeSpan ReadLifetime()
        {
            var text = WebConfigurationManager.AppSettings[LifetimeSetting];
            if (string.IsNullOrWhiteSpace(text)) return DefaultLifetime;
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var lifetime) && lifetime > TimeSpan.Zero) return lifetime;
            throw new ConfigurationErrorsException(string.Format(CultureInfo.InvariantCulture,
                "The appSettings value '{0}' is '{1}'; write a positive time span such as 12:00:00 (hours:minutes:seconds) or 1.00:00:00 (one day).",
                LifetimeSetting, text));
        }
    }
}
