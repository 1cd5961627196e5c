using System;
using System.Web;
using CallbackControls;
using CallbackControls.Redis;

[assembly: PreApplicationStartMethod(typeof(TestSite.PushFarm), nameof(TestSite.PushFarm.Start))]

namespace TestSite
{
    /// <summary>
    /// With CC_PUSH_REDIS set (a StackExchange.Redis configuration, such as 127.0.0.1:6390), the site's push
    /// notifications travel through Redis, as a farm's do: the farm tests run it on several back ends.
    /// Without it, push stays in process, as on one server.
    /// </summary>
    public static class PushFarm
    {
        /// <summary>Sets the bus when the application starts.</summary>
        public static void Start()
        {
            var redis = Environment.GetEnvironmentVariable("CC_PUSH_REDIS");
            if (!string.IsNullOrEmpty(redis)) CallbackPush.Bus = new RedisPushBus(redis);
        }
    }
}
