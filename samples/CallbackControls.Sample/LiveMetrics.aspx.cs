using System;
using System.Web.UI;

namespace CallbackControls.Sample
{
    /// <summary>Three charts of this server's own metrics, each refreshing itself every 2 seconds.</summary>
    public partial class LiveMetrics : Page
    {
        private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

        /// <summary>Draws the first paint; refresh callbacks fill their own chart in its handler.</summary>
        protected void Page_Load(object sender, EventArgs e)
        {
            if (IsCallback) return;
            FillCpu();
            FillMemory();
            FillRequests();
        }

        /// <summary>A tick of the CPU chart.</summary>
        protected void Cpu_RefreshCallback(object sender, CallbackEventArgs e) => FillCpu();

        /// <summary>A tick of the memory chart.</summary>
        protected void Memory_RefreshCallback(object sender, CallbackEventArgs e) => FillMemory();

        /// <summary>A tick of the requests chart.</summary>
        protected void Requests_RefreshCallback(object sender, CallbackEventArgs e) => FillRequests();

        private void FillCpu()
        {
            var points = Cpu.Series["CPU"].Points;
            foreach (var sample in ServerMetrics.Recent(Window)) points.AddXY(sample.Time, Math.Round(sample.CpuPercent, 1));
        }

        private void FillMemory()
        {
            var workingSet = Memory.Series["Working set"].Points;
            var heap = Memory.Series["Managed heap"].Points;
            foreach (var sample in ServerMetrics.Recent(Window))
            {
                workingSet.AddXY(sample.Time, Math.Round(sample.WorkingSetMegabytes, 1));
                heap.AddXY(sample.Time, Math.Round(sample.ManagedHeapMegabytes, 1));
            }
        }

        private void FillRequests()
        {
            var points = Requests.Series["Requests/s"].Points;
            foreach (var sample in ServerMetrics.Recent(Window)) points.AddXY(sample.Time, Math.Round(sample.RequestsPerSecond, 1));
        }
    }
}
