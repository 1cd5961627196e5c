using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using CallbackControls.Tests.Kit;
using Xunit;

namespace CallbackControls.Tests.InProcess
{
    /// <summary>
    /// A token that was not issued for the call is refused with one answer, whatever is wrong with it:
    /// on Mono the old tokens (MachineKey.Protect, AES-CBC without a MAC there) answered bad padding
    /// differently from a wrong purpose, a padding oracle that forged tokens for any context key.
    /// Every tampered token below must get the same status and the same body as a plainly wrong one.
    /// </summary>
    [Collection(TestSiteCollection.Name)]
    public class TokenForgeryTests : TestSiteTests
    {
        private const string FastPath = "/FastPath.aspx";
        private const string Echo = "/Echo.aspx";

        public TokenForgeryTests(TestSiteFixture fixture) : base(fixture) { }

        /// <summary>Tampered spellings of a genuine token: every byte with a bit flipped, cut, padded, re-spelled.</summary>
        private static IEnumerable<(string Name, string Token)> Tampered(string token)
        {
            var bytes = Base64UrlDecode(token);
            for (int i = 0; i < bytes.Length; i++)
            {
                var flipped = (byte[])bytes.Clone();
                flipped[i] ^= (byte)(1 << (i % 8));
                yield return ("byte " + i + " flipped", Base64UrlEncode(flipped));
            }
            // CBC-style edits: the last block changed, a block dropped, a block repeated, padding bytes appended.
            yield return ("last 16 bytes zeroed", Base64UrlEncode(bytes.Take(bytes.Length - 16).Concat(new byte[16]).ToArray()));
            yield return ("a block dropped", Base64UrlEncode(bytes.Skip(16).ToArray()));
            yield return ("a block repeated", Base64UrlEncode(bytes.Concat(bytes.Skip(bytes.Length - 16)).ToArray()));
            yield return ("PKCS#7 padding appended", Base64UrlEncode(bytes.Concat(Enumerable.Repeat((byte)16, 16)).ToArray()));
            yield return ("truncated", token.Substring(0, token.Length - 1));
            yield return ("extended", token + "A");
            yield return ("as UrlTokenEncode pads it", token + "1");
            yield return ("plain base64", Convert.ToBase64String(bytes));
            yield return ("all zero", string.Empty.PadLeft(token.Length, 'A'));
            yield return ("an old-style token", "q3Ja0rHzwlA1nBvNgBnxOWOWdoM7vYQ-B3y-wkSDBW_ve9bwD5ZmZ0a3V4BHKGUxGQ2");
        }

        private static byte[] Base64UrlDecode(string text)
        {
            var base64 = text.Replace('-', '+').Replace('_', '/');
            return Convert.FromBase64String(base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '='));
        }

        private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        [Fact]
        public void PageMethodCall_EveryTamperedToken_GetsTheSameRefusal()
        {
            var token = CallbackCalls.TokenFor(Site, FastPath, "Tenanted");
            var wrong = CallbackCalls.CallMethod(Site, FastPath, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token: "x");
            Assert.Equal(403, wrong.StatusCode);
            var expected = wrong.GetBodyText();
            Assert.Contains("\"forbidden\"", expected);

            foreach (var (name, tampered) in Tampered(token))
            {
                var response = CallbackCalls.CallMethod(Site, FastPath, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token: tampered);
                Assert.True(response.StatusCode == 403, name + ": " + response.StatusCode);
                Assert.True(expected == response.GetBodyText(), name + ": " + response.GetBodyText());
            }
        }

        [Fact]
        public void PageMethodCall_GenuineTokenForAnotherContextMethodOrControl_IsRefused()
        {
            // The tenant's token is genuine; sent with another context key, method or control it proves nothing.
            var token = CallbackCalls.TokenFor(Site, FastPath, "Tenanted");
            var other = new KeyValuePair<string, string>("X-CallbackControls-Context", Uri.EscapeDataString("tenant-b"));

            var ownContext = CallbackCalls.CallMethod(Site, FastPath, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token,
                new KeyValuePair<string, string>("X-CallbackControls-Context", Uri.EscapeDataString("tenant-a é")));
            var otherContext = CallbackCalls.CallMethod(Site, FastPath, "Tenanted", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token, other);
            var otherMethod = CallbackCalls.CallMethod(Site, FastPath, "Tenanted", "GetRegions", "", "{\"ancestors\":[\"fr\"]}", token);
            var otherControl = CallbackCalls.CallMethod(Site, FastPath, "Region", "GetTenantRegions", "", "{\"ancestors\":[\"fr\"]}", token);

            Assert.Equal(200, ownContext.StatusCode);
            Assert.Contains("tenant-a", ownContext.GetBodyText());
            foreach (var response in new[] { otherContext, otherMethod, otherControl })
            {
                Assert.Equal(403, response.StatusCode);
                Assert.Contains("\"forbidden\"", response.GetBodyText());
                Assert.DoesNotContain("tenant", response.GetBodyText());
            }
        }

        [Fact]
        public void PageCall_EveryTamperedToken_GetsTheSameRefusal()
        {
            var token = CallbackCalls.TokenFor(Site, Echo, "Echo");
            var body = CallbackCalls.Body("Echo", "hello");
            var wrong = CallbackCalls.Post(Site, Echo, "application/x-www-form-urlencoded", body, token: "x");
            Assert.Equal(403, wrong.StatusCode);
            var expected = wrong.GetBodyText();

            foreach (var (name, tampered) in Tampered(token))
            {
                var response = CallbackCalls.Post(Site, Echo, "application/x-www-form-urlencoded", body, token: tampered);
                Assert.True(response.StatusCode == 403, name + ": " + response.StatusCode);
                Assert.True(expected == response.GetBodyText(), name + ": " + response.GetBodyText());
            }
            Assert.Equal(200, CallbackCalls.Post(Site, Echo, "application/x-www-form-urlencoded", body, token: token).StatusCode);
        }

        [Fact]
        public void PageMethodCall_WithoutAValidToken_IsRefusedWhateverMethodItNames()
        {
            // Refused before the name is looked up: a method the page does not have, a very long name.
            foreach (var method in new[] { "NoSuchMethod", new string('M', 4000), "Echo" })
            {
                var response = CallbackCalls.CallMethod(Site, FastPath, "EchoCall", method, "x", token: "x");
                Assert.Equal(403, response.StatusCode);
                Assert.Contains("\"forbidden\"", response.GetBodyText());
            }
        }
    }
}
