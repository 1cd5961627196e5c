<%@ Application Language="C#" Inherits="CallbackControls.Sample.Global" %>
