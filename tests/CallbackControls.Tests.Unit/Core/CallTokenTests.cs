using System;
using System.Security.Cryptography;
using System.Text;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>
    /// The call token is what stops a forged call: every token that was not issued by this site for
    /// exactly these purposes must be refused alike, whatever is wrong with it, and a genuine one must
    /// expire. These tests use the token's own key parameter; the site's key derivation is exercised by
    /// the request tests.
    /// </summary>
    public class CallTokenTests
    {
        private static readonly byte[] Key = Encoding.ASCII.GetBytes("a test key of thirty-two bytes!!");
        private static readonly byte[] OtherKey = Encoding.ASCII.GetBytes("another key, as another site has");
        private static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);
        private static readonly DateTime Issued = new DateTime(2026, 12, 7, 9, 0, 0, DateTimeKind.Utc);
        private static readonly string[] Purposes = { "CallbackControls.CallToken.v2", "page:~/orders.aspx", "control:List1", "user:abc" };

        private static CallTokenCheck Check(string token, string[] purposes = null, DateTime? now = null) =>
            CallToken.Check(Key, Lifetime, token, purposes ?? Purposes, now ?? Issued.AddMinutes(5), out _);

        [Fact]
        public void Check_GenuineToken_IsValidWithItsIssueTime()
        {
            var token = CallToken.Issue(Key, Purposes, Issued);

            Assert.Equal(CallToken.EncodedLength, token.Length);
            Assert.Equal(CallTokenCheck.Valid, CallToken.Check(Key, Lifetime, token, Purposes, Issued.AddHours(1), out var issued));
            Assert.Equal(Issued, issued);
        }

        [Fact]
        public void Check_EveryBitOfEveryByteFlipped_IsInvalid()
        {
            var bytes = Base64Url.Decode(CallToken.Issue(Key, Purposes, Issued));
            for (int i = 0; i < bytes.Length; i++)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    var tampered = (byte[])bytes.Clone();
                    tampered[i] ^= (byte)(1 << bit);
                    Assert.Equal(CallTokenCheck.Invalid, Check(Base64Url.Encode(tampered)));
                }
            }
        }

        [Theory]
        [InlineData("page:~/other.aspx", 1)]
        [InlineData("control:List2", 2)]
        [InlineData("user:another-user", 3)]
        [InlineData("CallbackControls.CallToken.v1", 0)]
        public void Check_TokenOfAnotherPageControlOrUser_IsInvalid(string purpose, int index)
        {
            var token = CallToken.Issue(Key, Purposes, Issued);
            var other = (string[])Purposes.Clone();
            other[index] = purpose;

            Assert.Equal(CallTokenCheck.Invalid, Check(token, other));
        }

        [Fact]
        public void Check_PurposesSplitDifferently_IsInvalid()
        {
            // Length prefixes: "a" + "bc" must not authenticate as "ab" + "c".
            var token = CallToken.Issue(Key, new[] { "a", "bc" }, Issued);

            Assert.Equal(CallTokenCheck.Invalid, Check(token, new[] { "ab", "c" }));
            Assert.Equal(CallTokenCheck.Invalid, Check(token, new[] { "abc" }));
            Assert.Equal(CallTokenCheck.Valid, Check(token, new[] { "a", "bc" }));
        }

        [Fact]
        public void Check_TokenOfAnotherKey_IsInvalid()
        {
            var token = CallToken.Issue(OtherKey, Purposes, Issued);

            Assert.Equal(CallTokenCheck.Invalid, Check(token));
        }

        [Fact]
        public void Check_TokenReMacedForAnotherContextWithoutTheKey_IsInvalid()
        {
            // What the padding oracle allowed: a token built by someone without the key for purposes the
            // server never issued. Here the forger even knows the format and uses a key of its own.
            var forgedPurposes = new[] { "CallbackControls.CallToken.v2", "page:~/orders.aspx", "control:List1", "method:Items", "signed-in:", "context:tenant-2" };
            var forged = CallToken.Issue(OtherKey, forgedPurposes, Issued);

            Assert.Equal(CallTokenCheck.Invalid, Check(forged, forgedPurposes));
        }

        [Theory]
        [InlineData(null)]
        [InlineData("")]
        [InlineData("0")]
        [InlineData("AAAA")]
        [InlineData("not a token at all, but exactly fifty-five characters.")]
        public void Check_MalformedToken_IsInvalid(string token) => Assert.Equal(CallTokenCheck.Invalid, Check(token));

        [Fact]
        public void Check_TruncatedExtendedOrRepaddedToken_IsInvalid()
        {
            var token = CallToken.Issue(Key, Purposes, Issued);
            var bytes = Base64Url.Decode(token);
            var plain = Convert.ToBase64String(bytes);
            // The last character's two low bits are not part of the bytes: setting them spells the same bytes otherwise.
            var last = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".IndexOf(token[token.Length - 1]);
            var respelled = token.Substring(0, token.Length - 1) + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[last | 3];

            Assert.NotEqual(token, respelled);
            Assert.True(plain.EndsWith("=", StringComparison.Ordinal), "41 bytes of base64 end in padding");
            foreach (var (name, tampered) in new[]
            {
                ("truncated", token.Substring(0, token.Length - 1)),
                ("extended", token + "A"),
                ("padded", token + "="),
                ("plain base64", plain),
                ("respelled", respelled),
            })
            {
                Assert.True(Check(tampered) == CallTokenCheck.Invalid, name);
            }
        }

        [Fact]
        public void Check_TokenWithAnotherVersionByte_IsInvalid()
        {
            var bytes = Base64Url.Decode(CallToken.Issue(Key, Purposes, Issued));
            bytes[0] = 1;

            Assert.Equal(CallTokenCheck.Invalid, Check(Base64Url.Encode(bytes)));
        }

        [Fact]
        public void Check_GenuineTokenPastItsLifetime_IsExpired()
        {
            var token = CallToken.Issue(Key, Purposes, Issued);

            Assert.Equal(CallTokenCheck.Valid, Check(token, now: Issued + Lifetime));
            Assert.Equal(CallTokenCheck.Expired, Check(token, now: Issued + Lifetime + TimeSpan.FromSeconds(1)));
        }

        [Fact]
        public void Check_ForgedTokenPastItsLifetime_IsInvalidNotExpired()
        {
            // Expired is said only of a genuine token, so the answer tells a forger nothing.
            var bytes = Base64Url.Decode(CallToken.Issue(Key, Purposes, Issued));
            bytes[bytes.Length - 1] ^= 0x80;

            Assert.Equal(CallTokenCheck.Invalid, Check(Base64Url.Encode(bytes), now: Issued.AddDays(30)));
        }

        [Fact]
        public void Check_IssueTimeMovedForward_IsInvalid()
        {
            // The time is authenticated: an old token cannot be made young again.
            var bytes = Base64Url.Decode(CallToken.Issue(Key, Purposes, Issued));
            bytes[8] ^= 0x10;

            Assert.Equal(CallTokenCheck.Invalid, Check(Base64Url.Encode(bytes)));
        }

        [Fact]
        public void Check_TokenFromABackEndWhoseClockRunsAhead_IsValidWithinTheLifetime()
        {
            var token = CallToken.Issue(Key, Purposes, Issued.AddMinutes(2));

            Assert.Equal(CallTokenCheck.Valid, Check(token, now: Issued));
            Assert.Equal(CallTokenCheck.Expired, Check(CallToken.Issue(Key, Purposes, Issued.AddDays(1)), now: Issued));
        }

        [Fact]
        public void Issue_SamePurposesAndTime_GivesTheSameToken_AnotherTimeAnother()
        {
            Assert.Equal(CallToken.Issue(Key, Purposes, Issued), CallToken.Issue(Key, Purposes, Issued));
            Assert.NotEqual(CallToken.Issue(Key, Purposes, Issued), CallToken.Issue(Key, Purposes, Issued.AddSeconds(1)));
        }

        [Fact]
        public void Issue_MacIsHmacSha256OverVersionTimeAndLengthPrefixedPurposes()
        {
            // Pins the format, so a token issued by one version of a farm's back ends is read by the next.
            var token = Base64Url.Decode(CallToken.Issue(Key, new[] { "ab" }, Issued));
            var input = new byte[9 + 4 + 2];
            Buffer.BlockCopy(token, 0, input, 0, 9);
            input[12] = 2;
            input[13] = (byte)'a';
            input[14] = (byte)'b';
            byte[] expected;
            using (var hmac = new HMACSHA256(Key)) expected = hmac.ComputeHash(input);

            var mac = new byte[32];
            Buffer.BlockCopy(token, 9, mac, 0, 32);

            Assert.Equal(2, token[0]);
            Assert.Equal(expected, mac);
        }

        [Theory]
        [InlineData(new byte[0], "")]
        [InlineData(new byte[] { 0xfb, 0xff }, "-_8")]
        [InlineData(new byte[] { 1, 2, 3 }, "AQID")]
        public void Base64Url_RoundTrips(byte[] bytes, string text)
        {
            Assert.Equal(text, Base64Url.Encode(bytes));
            Assert.Equal(bytes, Base64Url.Decode(text));
        }

        [Theory]
        [InlineData("A")]
        [InlineData("AQ=D")]
        [InlineData("AQ+D")]
        [InlineData("AQ/D")]
        [InlineData("AQ D")]
        [InlineData("AQ\u00e9D")]
        public void Base64Url_NotBase64Url_IsNull(string text) => Assert.Null(Base64Url.Decode(text));
    }
}
