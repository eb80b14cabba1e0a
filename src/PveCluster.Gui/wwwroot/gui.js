// The few browser calls .NET's JS interop cannot express as a function call.
window.pveGui = {
  // Logging out drops the ticket cookie, as Proxmox's GUI does: there is no logout call, the cookie is the session.
  dropTicketCookie: () => {
    document.cookie = 'PVEAuthCookie=; path=/; secure; SameSite=Lax; expires=Thu, 01 Jan 1970 00:00:00 GMT';
  },
};
