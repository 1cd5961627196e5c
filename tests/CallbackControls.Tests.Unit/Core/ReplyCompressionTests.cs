using Xunit;

namespace CallbackControls.Tests.Core
{
    /// <summary>Which encoding a reply gets for the Accept-Encoding a browser (or anything else) sends.</summary>
    public class ReplyCompressionTests
    {
        [Theory]
        [InlineData("gzip, deflate, br", "gzip")]
        [InlineData("GZIP", "gzip")]
        [InlineData("deflate", "deflate")]
        [InlineData("br, deflate;q=0.5, gzip;q=0.4", "deflate")]
        [InlineData("gzip;q=0, deflate", "deflate")]
        [InlineData("gzip;q=0, deflate;q=0", null)]
        [InlineData("*", "gzip")]
        [InlineData("br, *;q=0", null)]
        [InlineData("deflate;q=0.2, *;q=0.8", "gzip")]
        [InlineData("identity", null)]
        [InlineData("gzip;q=nonsense, deflate", "deflate")]
        [InlineData("", null)]
        [InlineData(null, null)]
        [InlineData(" , ;;, gzip ; q=1.0", "gzip")]
        public void Choose_FollowsTheWeights_AndRefusesWhatIsWeightedZero(string acceptEncoding, string expected)
        {
            Assert.Equal(expected, ReplyCompression.Choose(acceptEncoding));
        }
    }
}
