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

        /// <summary>
        /// The cities of a country whose shown name matches what the user typed (e.Filter, by e.FilterMode),
        /// one page of them (e.Skip, e.Take) and how many match in all: the database filters and pages, so a
        /// keystroke in a country of 20,000 cities reads a hundred rows. Says so with e.Filtered and e.TotalCount.
        /// </summary>
        public static void FindCitiesOfCountry(string countryCode, CascadingDropDownPopulateEventArgs e)
        {
            const string Named =
                "SELECT c.id AS id, CASE WHEN (SELECT COUNT(*) FROM cities d WHERE d.country_code = c.country_code AND d.name = c.name) > 1 " +
                "THEN c.name || ' (' || COALESCE(r.name, c.region_code) || ')' ELSE c.name END AS label, r.name AS region " +
                "FROM cities c LEFT JOIN regions r ON r.code = c.region_code WHERE c.country_code = @code";
            // LIKE is the filter: its own wildcards in the typed text are escaped, so "100%" finds "100%".
            var typed = e.Filter.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");
            var pattern = (e.FilterMode == ListFilterMode.StartsWith ? "" : "%") + typed + "%";
            const string Where = " WHERE label LIKE @pattern ESCAPE '\\'";
            var parameters = new Dictionary<string, object> { ["@code"] = countryCode, ["@pattern"] = pattern };
            e.TotalCount = System.Convert.ToInt32(Scalar("SELECT COUNT(*) FROM (" + Named + ")" + Where, parameters), System.Globalization.CultureInfo.InvariantCulture);
            parameters["@take"] = e.Take == int.MaxValue ? -1 : e.Take;
            parameters["@skip"] = e.Skip;
            Read("SELECT id, label FROM (" + Named + ")" + Where + " ORDER BY label, region LIMIT @take OFFSET @skip", parameters, e.Items);
            e.Filtered = true;
        }

        private static object Scalar(string sql, IDictionary<string, object> parameters)
        {
            using (var connection = Open())
            using (var command = Command(connection, sql, parameters))
            {
                return command.ExecuteScalar();
            }
        }

        private static void Read(string sql, string parameterName, string parameterValue, ListItemCollection items) =>
            Read(sql, parameterName == null ? new Dictionary<string, object>() : new Dictionary<string, object> { [parameterName] = parameterValue }, items);

        private static void Read(string sql, IDictionary<string, object> parameters, ListItemCollection items)
        {
            using (var connection = Open())
            using (var command = Command(connection, sql, parameters))
            using (var reader = command.ExecuteReader())
            {
                while (reader.Read()) items.Add(new ListItem(reader.GetString(1), System.Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }

        private static DbConnection Open()
        {
            var connection = DbProviderFactories.GetFactory(Settings.ProviderName).CreateConnection();
            connection.ConnectionString = Settings.ConnectionString;
            connection.Open();
            return connection;
        }

        private static DbCommand Command(DbConnection connection, string sql, IDictionary<string, object> parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var pair in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = pair.Key;
                parameter.Value = pair.Value;
                command.Parameters.Add(parameter);
            }
            return command;
        }
    }
}
