using System.Collections.Generic;
using System.Configuration;
using System.Data.Common;
using System.Web.UI.WebControls;

namespace CallbackControls.Sample
{
    /// <summary>
    /// Reads countries, regions and cities from App_Data/world.db through plain ADO.NET; the provider
    /// is whatever the "World" connection string names, so the pages carry no provider code.
    /// </summary>
    public static class WorldData
    {
        private static readonly ConnectionStringSettings Settings = ConfigurationManager.ConnectionStrings["World"];

        /// <summary>Every country, by name.</summary>
        public static void AddCountries(ListItemCollection items) =>
            Read("SELECT code, name FROM countries ORDER BY name", null, null, items);

        /// <summary>The regions of a country, by name.</summary>
        public static void AddRegions(string countryCode, ListItemCollection items) =>
            Read("SELECT code, name FROM regions WHERE country_code = @code ORDER BY name", "@code", countryCode, items);

        /// <summary>The cities of a region, by name.</summary>
        public static void AddCitiesOfRegion(string regionCode, ListItemCollection items) =>
            Read("SELECT id, name FROM cities WHERE region_code = @code ORDER BY name", "@code", regionCode, items);

        /// <summary>
        /// Every city of a country, by name (thousands for the larger ones). A name several cities share
        /// ("Abbeville" four times in France) carries its region, so the list tells them apart.
        /// </summary>
        public static void AddCitiesOfCountry(string countryCode, ListItemCollection items) =>
            Read("SELECT c.id, CASE WHEN (SELECT COUNT(*) FROM cities d WHERE d.country_code = c.country_code AND d.name = c.name) > 1 " +
                 "THEN c.name || ' (' || COALESCE(r.name, c.region_code) || ')' ELSE c.name END " +
                 "FROM cities c LEFT JOIN regions r ON r.code = c.region_code WHERE c.country_code = @code ORDER BY c.name, r.name",
                 "@code", countryCode, items);

        private static void Read(string sql, string parameterName, string parameterValue, ListItemCollection items)
        {
            var factory = DbProviderFactories.GetFactory(Settings.ProviderName);
            using (var connection = factory.CreateConnection())
            {
                connection.ConnectionString = Settings.ConnectionString;
                connection.Open();
                using (var command = connection.CreateCommand())
                {
                    command.CommandText = sql;
                    if (parameterName != null)
                    {
                        var parameter = command.CreateParameter();
                        parameter.ParameterName = parameterName;
                        parameter.Value = parameterValue;
                        command.Parameters.Add(parameter);
                    }
                    using (var reader = command.ExecuteReader())
                    {
                        while (reader.Read()) items.Add(new ListItem(reader.GetString(1), System.Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)));
                    }
                }
            }
        }
    }
}
