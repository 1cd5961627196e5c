using System;
using System.IO;
using System.Web;
using System.Web.Hosting;
using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>
    /// The headers a call is judged by (its token, method, origin) must be the same whether they are read
    /// from the host, as on Mono, or from <see cref="HttpRequest.Headers"/>: a difference would let a
    /// forged call through on one host and not another.
    /// </summary>
    public class CallHeadersTests
    {
        private sealed class HostRequest : SimpleWorkerRequest
        {
            private readonly string[][] _unknown;
            private readonly string _host;
            private readonly string _acceptEncoding;

            public HostRequest(string host, string acceptEncoding, params string[][] unknown)
                : base("/", Path.GetTempPath(), "Page.aspx", string.Empty, TextWriter.Null)
            {
                _host = host;
                _acceptEncoding = acceptEncoding;
                _unknown = unknown;
            }

            public override string GetHttpVerbName() => "POST";

            public override string GetKnownRequestHeader(int index) =>
                index == HeaderHost ? _host : index == HeaderAcceptEncoding ? _acceptEncoding : null;

            public override string[][] GetUnknownRequestHeaders() => _unknown;

            public override string GetUnknownRequestHeader(string name)
            {
                foreach (var pair in _unknown)
                {
                    if (string.Equals(pair[0], name, StringComparison.OrdinalIgnoreCase)) return pair[1];
                }
                return null;
            }
        }

        private static CallHeaders Read(HostRequest host)
        {
            var context = new HttpContext(host);
            var saved = HttpContext.Current;
            HttpContext.Current = context;
            try
            {
                var first = CallHeaders.Of(context.Request);
                Assert.Same(first, CallHeaders.Of(context.Request)); // read once per request
                return first;
            }
            finally
            {
                HttpContext.Current = saved;
            }
        }

        [Fact]
        public void Of_CurrentRequest_ReadsEveryHeaderTheLibraryJudgesACallBy_WhateverTheirCase()
        {
            var headers = Read(new HostRequest("shop.example:8080", "gzip, br",
                new[] { "x-callbackcontrols-token", "tok" },
                new[] { "X-CALLBACKCONTROLS-METHOD", "GetCities" },
                new[] { "X-CallbackControls-Context", "tenant%201" },
                new[] { "sec-fetch-site", "same-origin" },
                new[] { "Origin", "https://shop.example:8080" },
                new[] { "X-Other", "ignored" }));

            Assert.Equal("tok", headers.Token);
            Assert.Equal("GetCities", headers.Method);
            Assert.Equal("tenant%201", headers.Context);
            Assert.Equal("same-origin", headers.FetchSite);
            Assert.Equal("https://shop.example:8080", headers.Origin);
            Assert.Equal("shop.example:8080", headers.Host);
            Assert.Equal("gzip, br", headers.AcceptEncoding);
        }

        [Fact]
        public void Of_HeaderSentTwice_GivesWhatTheHeaderCollectionGives()
        {
            var host = new HostRequest("a", null, new[] { "X-CallbackControls-Token", "one" }, new[] { "X-CallbackControls-Token", "two" });
            var fromCollection = new HttpContext(host).Request.Headers[CallbackSecurity.TokenHeader];

            Assert.NotNull(fromCollection);
            Assert.Equal(fromCollection, Read(host).Token);
        }

        [Fact]
        public void Of_NoHeadersOfOurs_LeavesThemNull()
        {
            var headers = Read(new HostRequest(null, null, new[] { "X-Requested-With", "XMLHttpRequest" }));

            Assert.Null(headers.Token);
            Assert.Null(headers.Method);
            Assert.Null(headers.Origin);
            Assert.False(CallbackSecurity.IsLibraryCall(new HttpContext(new HostRequest(null, null)).Request));
        }

        [Fact]
        public void Of_RequestThatIsNotTheCurrentOne_IsReadFromItsOwnHeaders()
        {
            var other = new HttpContext(new HostRequest("a", null, new[] { "X-CallbackControls-Token", "mine" })).Request;

            Assert.Equal("mine", CallHeaders.Of(other).Token);
        }
    }
}
